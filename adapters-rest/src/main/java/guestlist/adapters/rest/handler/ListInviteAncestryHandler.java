package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.LocalUserViewJson;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListInviteAncestryUseCase;

/**
 * {@code GET /admin/invite/ancestry?local_user_id=&limit=&page_cursor=} (admin): the account's
 * inviter, that one's inviter, and so on, nearest first.
 */
public final class ListInviteAncestryHandler implements ApiHandler {

    private final ListInviteAncestryUseCase listInviteAncestry;

    public ListInviteAncestryHandler(ListInviteAncestryUseCase listInviteAncestry) {
        this.listInviteAncestry = listInviteAncestry;
    }

    @Override
    public PagedResponse<LocalUserViewJson> handle(ApiRequest request) {
        return PagedResponse.from(
                listInviteAncestry.listInviteAncestry(
                        AccountListings.query(request, PageCursor.Listing.INVITE_ANCESTRY)),
                PageCursor.Listing.INVITE_ANCESTRY,
                LocalUserViewJson::from);
    }
}
