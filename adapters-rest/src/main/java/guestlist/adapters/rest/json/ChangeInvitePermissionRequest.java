package guestlist.adapters.rest.json;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;

/** The body of {@code PUT /admin/invite/permission}; {@code include_invitees} defaults to false. */
public record ChangeInvitePermissionRequest(
        @Required Long localUserId,
        @Required Boolean canInvite,
        Boolean includeInvitees,
        @Required String reason) {

    public ChangeInvitePermissionRequest {
        LocalUserIds.check("local_user_id", localUserId);
    }

    public ChangeInvitePermissionCommand toCommand(LocalUser actor) {
        return new ChangeInvitePermissionCommand(
                actor, new LocalUserId(localUserId), canInvite, Boolean.TRUE.equals(includeInvitees), reason);
    }
}
