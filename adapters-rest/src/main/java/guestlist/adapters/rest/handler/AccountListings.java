package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.QueryParameters;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.application.port.in.AccountListingQuery;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.PageSize;

/** The query of an admin's listing about one account: {@code local_user_id}, {@code limit}, {@code page_cursor}. */
final class AccountListings {

    private AccountListings() {}

    static AccountListingQuery query(ApiRequest request, PageCursor.Listing listing) {
        QueryParameters query = request.query();
        return new AccountListingQuery(
                request.actor(),
                new LocalUserId(query.requiredLong("local_user_id", 1, Long.MAX_VALUE)),
                PageSize.of(query.limit()),
                query.optional("page_cursor")
                        .map(cursor -> PageCursor.decode(listing, cursor).position()));
    }
}
