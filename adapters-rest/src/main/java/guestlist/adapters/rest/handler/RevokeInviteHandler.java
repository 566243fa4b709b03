package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.RevokeInviteRequest;
import guestlist.adapters.rest.json.SuccessResponse;
import guestlist.application.port.in.RevokeInviteUseCase;
import guestlist.domain.account.LocalUser;

/** {@code DELETE /account/invite} with {@code {"token": ...}}: one's own invite, or any for an admin. */
public final class RevokeInviteHandler implements ApiHandler {

    private final RevokeInviteUseCase revokeInvite;

    public RevokeInviteHandler(RevokeInviteUseCase revokeInvite) {
        this.revokeInvite = revokeInvite;
    }

    @Override
    public SuccessResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        revokeInvite.revokeInvite(actor, request.body(RevokeInviteRequest.class).token());
        return SuccessResponse.SUCCESS;
    }
}
