package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.RevokeAllInvitesRequest;
import guestlist.adapters.rest.json.RevokeAllInvitesResponse;
import guestlist.application.port.in.RevokeAllInvitesUseCase;
import guestlist.domain.account.LocalUser;

/** {@code POST /admin/invite/revoke_all} (admin): {@code local_user_id}, {@code include_invitees}?, {@code reason}. */
public final class RevokeAllInvitesHandler implements ApiHandler {

    private final RevokeAllInvitesUseCase revokeAllInvites;

    public RevokeAllInvitesHandler(RevokeAllInvitesUseCase revokeAllInvites) {
        this.revokeAllInvites = revokeAllInvites;
    }

    @Override
    public RevokeAllInvitesResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        return RevokeAllInvitesResponse.from(revokeAllInvites.revokeAllInvites(
                request.body(RevokeAllInvitesRequest.class).toCommand(actor)));
    }
}
