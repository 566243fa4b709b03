package guestlist.application.port.out;

import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What admins do to accounts and their invites, each call on every account a {@link Scope}
 * reaches: the target, its whole invite branch as the call's statement sees it when the scope
 * includes invitees, never an admin. The caller runs each action in one transaction, after
 * {@link #serialize()}.
 *
 * <p>Bans and unbans go through the scope in batches, so that no one statement grows with the
 * branch: each call takes at most {@code limit} accounts of the scope's {@linkplain Position order}
 * after a given place, and says where it stopped. The caller repeats them in its one transaction.
 */
public interface ModerationRepository {

    /**
     * Puts this transaction's moderation after every other one's, in every process sharing the
     * store, until it ends. Two branch actions then never lock the same accounts in opposite
     * orders, and each sees what the one before it did. Waits as long as the one before runs (a ban
     * of a large branch runs for many seconds), up to a bound of the adapter's.
     *
     * @throws Unavailable when the one before has not ended within that bound
     */
    void serialize();

    /**
     * One batch of a ban: the accounts of the scope after {@code after} in its {@linkplain Position
     * order} (from its start when empty), at most {@code limit} of them. Each one the scope reaches
     * that is not already banned on these terms at {@code now} (no ban, an ended one, another reason
     * or end) is banned and locked; then the invites, then the sessions of every account of the
     * batch the scope reaches are deleted, banned before or not: accounts before invites, the order
     * a registration locks an inviter and its invite in. Each step is one statement, with the
     * snapshot of the branch it starts with; an account that joins the branch meanwhile is left to
     * a later batch, or a later pass of the caller's.
     */
    Batch ban(Scope scope, Ban ban, Instant now, Optional<Position> after, int limit);

    /**
     * One batch of an unban: lifts the bans that hold at {@code now} on the accounts of the scope
     * after {@code after}, at most {@code limit} of them, as {@link #ban} goes through them.
     */
    Batch unban(Scope scope, Instant now, Optional<Position> after, int limit);

    /** Deletes the invites of every account the scope reaches. */
    Revoked revokeInvites(Scope scope);

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
     * A place in the order in which a scope reaches its accounts: its target first (depth 0), then,
     * when it includes invitees, the target's branch breadth first ({@code depth} 1 = invited by the
     * target), then by id. Admins have places too; the scope passes over them.
     */
    record Position(int depth, LocalUserId account) {

        public Position {
            Objects.requireNonNull(account, "account");
            if (depth < 0) {
                throw new IllegalArgumentException("a depth is 0 (the target) or more, not " + depth);
            }
        }
    }

    /**
     * What one batch did.
     *
     * @param examined       how many places of the order it went through, admins included, at most
     *                       the limit; fewer means that it reached the end of the scope
     * @param changed        how many accounts it banned (or whose bans it lifted)
     * @param revokedInvites how many invites it deleted
     * @param last           the last place it went through, where the next batch starts; empty when
     *                       it went through none
     */
    record Batch(int examined, long changed, long revokedInvites, Optional<Position> last) {

        public Batch {
            Objects.requireNonNull(last, "last");
        }

        /** Whether the scope may hold more places after this batch's: it went through as many as asked. */
        public boolean full(int limit) {
            return examined >= limit;
        }
    }

    /**
     * What a revocation deleted.
     *
     * @param accounts how many accounts lost at least one invite
     * @param invites  how many invites were deleted
     */
    record Revoked(long accounts, long invites) {}
}
