package guestlist.application.port.out;

import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What admins do to accounts and their invites, each call on every account a {@link Scope}
 * reaches: the target, its whole invite branch as the call's statement sees it when the scope
 * includes invitees, never an admin. The caller runs each action in one transaction, after
 * {@link #serialize()}.
 */
public interface ModerationRepository {

    /**
     * Puts this transaction's moderation after every other one's, in every process sharing the
     * store, until it ends. Two branch actions then never lock the same accounts in opposite
     * orders, and each sees what the one before it did.
     */
    void serialize();

    /**
     * Bans every account the scope reaches that is not already banned on the same terms at
     * {@code now}, locking each; returns how many it changed. Called again until it returns 0, it
     * reaches the accounts that joined the branch while it ran.
     */
    long ban(Scope scope, Ban ban, Instant now);

    /** Lifts the bans that hold at {@code now} on the accounts the scope reaches; returns how many. */
    long unban(Scope scope, Instant now);

    /** Deletes the invites of every account the scope reaches. */
    Revoked revokeInvites(Scope scope);

    /** Ends every session of every account the scope reaches. */
    void endSessions(Scope scope);

    /**
     * Gives every account the scope reaches this permission to invite, locking each it changes;
     * returns how many accounts it changed. Called again until it returns 0, it reaches the accounts
     * that joined the branch while it ran (a registration through an invite of an account it has
     * locked waits for the transaction to end, and then finds the invite revoked).
     */
    long setInvitePermission(Scope scope, InvitePermission permission);

    /** Writes one line of the log, in the caller's transaction. */
    ModerationEntry append(ModerationEntry.New entry);

    /** The log, newest first, only entries older than {@code before} when given, at most {@code limit}. */
    List<ModerationEntry> log(Optional<PagePosition> before, int limit);

    /**
     * What a revocation deleted.
     *
     * @param accounts how many accounts lost at least one invite
     * @param invites  how many invites were deleted
     */
    record Revoked(long accounts, long invites) {}
}
