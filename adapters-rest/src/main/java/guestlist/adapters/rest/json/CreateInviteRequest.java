package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import java.time.Instant;
import java.util.Optional;

/**
 * The body of {@code POST /account/invite}: every field optional (unlimited uses, never expires, no
 * comment). The comment's length is the domain's rule.
 */
public record CreateInviteRequest(Integer maxUses, Instant expiresAt, String comment) {

    public CreateInviteRequest {
        if (maxUses != null && (maxUses < 1 || maxUses > Invite.MAX_USES_LIMIT)) {
            throw new RequestRefusal(
                    RequestError.BAD_REQUEST, "max_uses must be an integer between 1 and " + Invite.MAX_USES_LIMIT);
        }
    }

    public CreateInviteCommand toCommand(LocalUser actor) {
        return new CreateInviteCommand(
                actor, Optional.ofNullable(maxUses), Optional.ofNullable(expiresAt), Optional.ofNullable(comment));
    }
}
