package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.util.Objects;

/**
 * @param target          whose right to invite changes
 * @param canInvite       given back ({@code true}) or withdrawn ({@code false})
 * @param includeInvitees also for every account of the target's invite branch
 * @param reason          why: shown to the accounts refused, and written to the moderation log
 */
public record ChangeInvitePermissionCommand(
        LocalUser actor, LocalUserId target, boolean canInvite, boolean includeInvitees, String reason) {

    public ChangeInvitePermissionCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }
}
