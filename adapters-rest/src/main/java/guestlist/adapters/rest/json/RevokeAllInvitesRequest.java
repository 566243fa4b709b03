package guestlist.adapters.rest.json;

import guestlist.application.port.in.RevokeAllInvitesCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;

/** The body of {@code POST /admin/invite/revoke_all}; {@code include_invitees} defaults to false. */
public record RevokeAllInvitesRequest(
        @Required Long localUserId,
        Boolean includeInvitees,
        @Required String reason) {

    public RevokeAllInvitesRequest {
        LocalUserIds.check("local_user_id", localUserId);
    }

    public RevokeAllInvitesCommand toCommand(LocalUser actor) {
        return new RevokeAllInvitesCommand(
                actor, new LocalUserId(localUserId), Boolean.TRUE.equals(includeInvitees), reason);
    }
}
