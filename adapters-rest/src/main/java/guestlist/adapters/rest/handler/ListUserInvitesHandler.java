package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.InviteJson;
import guestlist.adapters.rest.json.InviteLinks;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListUserInvitesUseCase;

/**
 * {@code GET /admin/invite/list?local_user_id=&limit=&page_cursor=} (admin): the account's usable
 * invites, newest first, answered as {@code GET /account/invite/list} answers its own user (the
 * same items and the same listing's cursors).
 */
public final class ListUserInvitesHandler implements ApiHandler {

    private final ListUserInvitesUseCase listUserInvites;
    private final InviteLinks links;

    public ListUserInvitesHandler(ListUserInvitesUseCase listUserInvites, InviteLinks links) {
        this.listUserInvites = listUserInvites;
        this.links = links;
    }

    @Override
    public PagedResponse<InviteJson> handle(ApiRequest request) {
        return PagedResponse.from(
                listUserInvites.listUserInvites(AccountListings.query(request, PageCursor.Listing.INVITES)),
                PageCursor.Listing.INVITES,
                invite -> InviteJson.from(invite, links));
    }
}
