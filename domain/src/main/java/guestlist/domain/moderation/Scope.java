package guestlist.domain.moderation;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.util.Objects;

/**
 * Whom a moderation action reaches: the target account, and with {@code includeInvitees} every
 * account of its invite branch too. Admins are never reached: an action aimed at an admin is
 * refused, and admins inside a branch are passed over.
 */
public record Scope(LocalUserId target, boolean includeInvitees) {

    public Scope {
        Objects.requireNonNull(target, "target");
    }

    /** The scope of an action aimed at {@code target}; refuses with {@link Rule#NOT_HIGHER_ADMIN} for an admin. */
    public static Scope of(LocalUser target, boolean includeInvitees) {
        if (target.admin()) {
            throw new Refusal(Rule.NOT_HIGHER_ADMIN, "admins cannot be banned nor have their invites withdrawn");
        }
        return new Scope(target.id(), includeInvitees);
    }

    /** Whether this scope reaches {@code account}, given whether it lies in the target's branch. */
    public boolean reaches(LocalUser account, boolean inTargetsBranch) {
        if (account.admin()) {
            return false;
        }
        return account.id().equals(target) || (includeInvitees && inTargetsBranch);
    }
}
