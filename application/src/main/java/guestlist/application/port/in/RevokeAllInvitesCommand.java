package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.util.Objects;

/**
 * @param target          whose invites go
 * @param includeInvitees also those of every account of the target's invite branch
 * @param reason          why, for the moderation log
 */
public record RevokeAllInvitesCommand(LocalUser actor, LocalUserId target, boolean includeInvitees, String reason) {

    public RevokeAllInvitesCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }
}
