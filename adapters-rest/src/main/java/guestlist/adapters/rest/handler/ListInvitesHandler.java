package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.QueryParameters;
import guestlist.adapters.rest.json.InviteJson;
import guestlist.adapters.rest.json.InviteLinks;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PageSize;

/** {@code GET /account/invite/list?limit=&page_cursor=}: one's own usable invites, newest first. */
public final class ListInvitesHandler implements ApiHandler {

    private final ListInvitesUseCase listInvites;
    private final InviteLinks links;

    public ListInvitesHandler(ListInvitesUseCase listInvites, InviteLinks links) {
        this.listInvites = listInvites;
        this.links = links;
    }

    @Override
    public PagedResponse<InviteJson> handle(ApiRequest request) {
        LocalUser actor = request.actor();
        QueryParameters query = request.query();
        ListInvitesQuery listing = new ListInvitesQuery(
                actor,
                PageSize.of(query.limit()),
                query.optional("page_cursor")
                        .map(cursor -> PageCursor.decode(PageCursor.Listing.INVITES, cursor)
                                .position()));
        return PagedResponse.from(
                listInvites.listInvites(listing), PageCursor.Listing.INVITES, invite -> InviteJson.from(invite, links));
    }
}
