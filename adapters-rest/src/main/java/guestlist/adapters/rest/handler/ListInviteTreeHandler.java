package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.InviteTreeMemberJson;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.adapters.rest.json.PagedResponse;
import guestlist.application.port.in.ListInviteTreeUseCase;

/**
 * {@code GET /admin/invite/tree?local_user_id=&limit=&page_cursor=} (admin): the invite branch
 * below the account, breadth first, then by id.
 */
public final class ListInviteTreeHandler implements ApiHandler {

    private final ListInviteTreeUseCase listInviteTree;

    public ListInviteTreeHandler(ListInviteTreeUseCase listInviteTree) {
        this.listInviteTree = listInviteTree;
    }

    @Override
    public PagedResponse<InviteTreeMemberJson> handle(ApiRequest request) {
        return PagedResponse.from(
                listInviteTree.listInviteTree(AccountListings.query(request, PageCursor.Listing.INVITE_TREE)),
                PageCursor.Listing.INVITE_TREE,
                InviteTreeMemberJson::from);
    }
}
