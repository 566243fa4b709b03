package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.ChangeInvitePermissionRequest;
import guestlist.adapters.rest.json.LocalUserViewResponse;
import guestlist.application.port.in.ChangeInvitePermissionUseCase;
import guestlist.domain.account.LocalUser;

/**
 * {@code PUT /admin/invite/permission} (admin): {@code local_user_id}, {@code can_invite},
 * {@code include_invitees}?, {@code reason}; answers the target's {@code local_user_view} after the change.
 */
public final class ChangeInvitePermissionHandler implements ApiHandler {

    private final ChangeInvitePermissionUseCase changeInvitePermission;

    public ChangeInvitePermissionHandler(ChangeInvitePermissionUseCase changeInvitePermission) {
        this.changeInvitePermission = changeInvitePermission;
    }

    @Override
    public LocalUserViewResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        return LocalUserViewResponse.from(changeInvitePermission.changeInvitePermission(
                request.body(ChangeInvitePermissionRequest.class).toCommand(actor)));
    }
}
