package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.QueryParameters;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.adapters.rest.json.RegistrationApplicationViewJson;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PageSize;

/**
 * {@code GET /admin/registration_application/list?unread_only=&limit=&page_cursor=} (admin):
 * oldest first; {@code unread_only} defaults to true.
 */
public final class ListRegistrationApplicationsHandler implements ApiHandler {

    private final ListRegistrationApplicationsUseCase listApplications;

    public ListRegistrationApplicationsHandler(ListRegistrationApplicationsUseCase listApplications) {
        this.listApplications = listApplications;
    }

    @Override
    public PagedResponse<RegistrationApplicationViewJson> handle(ApiRequest request) {
        LocalUser actor = request.actor();
        QueryParameters query = request.query();
        ListRegistrationApplicationsQuery listing = ListRegistrationApplicationsQuery.of(
                actor,
                query.optionalBoolean("unread_only"),
                PageSize.of(query.limit()),
                query.optional("page_cursor")
                        .map(cursor -> PageCursor.decode(PageCursor.Listing.APPLICATIONS, cursor)
                                .position()));
        return PagedResponse.from(
                listApplications.listApplications(listing),
                PageCursor.Listing.APPLICATIONS,
                RegistrationApplicationViewJson::from);
    }
}
