package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.QueryParameters;
import guestlist.adapters.rest.json.LocalUserViewJson;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListUsersQuery;
import guestlist.application.port.in.ListUsersUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.PageSize;

/**
 * {@code GET /admin/users?banned_only=&sort=&invited_by_local_user_id=&limit=&page_cursor=} (admin,
 * Lemmy's {@code adminListUsers}): {@code sort} is {@code new} (the default, newest first) or
 * {@code old}; {@code invited_by_local_user_id}, Guestlist's, keeps one account's direct invitees.
 */
public final class ListUsersHandler implements ApiHandler {

    private final ListUsersUseCase listUsers;

    public ListUsersHandler(ListUsersUseCase listUsers) {
        this.listUsers = listUsers;
    }

    @Override
    public PagedResponse<LocalUserViewJson> handle(ApiRequest request) {
        LocalUser actor = request.actor();
        QueryParameters query = request.query();
        ListUsersQuery listing = ListUsersQuery.of(
                actor,
                query.optionalBoolean("banned_only"),
                query.optional("sort").map(ListUsersHandler::sort),
                query.optionalLong("invited_by_local_user_id", 1, Long.MAX_VALUE)
                        .map(LocalUserId::new),
                PageSize.of(query.limit()),
                query.optional("page_cursor")
                        .map(cursor -> PageCursor.decode(PageCursor.Listing.USERS, cursor)
                                .position()));
        return PagedResponse.from(listUsers.listUsers(listing), PageCursor.Listing.USERS, LocalUserViewJson::from);
    }

    /** Lemmy's {@code LocalUserSortType}: {@code new} or {@code old}, nothing else. */
    private static ListUsersQuery.Sort sort(String text) {
        return switch (text) {
            case "new" -> ListUsersQuery.Sort.NEW;
            case "old" -> ListUsersQuery.Sort.OLD;
            default -> throw new RequestRefusal(RequestError.BAD_REQUEST, "sort must be new or old");
        };
    }
}
