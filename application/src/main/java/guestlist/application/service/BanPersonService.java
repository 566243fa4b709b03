package guestlist.application.service;

import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.BanPersonResult;
import guestlist.application.port.in.BanPersonUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Batch;
import guestlist.application.port.out.ModerationRepository.Position;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Banning a person, or lifting its ban, alone or with its whole invite branch: one transaction
 * that bans (or unbans), deletes the invites and ends the sessions of every account it reaches,
 * and writes the log entry.
 *
 * <p><b>In batches, in one transaction.</b> The accounts are taken in batches of at most
 * {@link #BATCH_SIZE} ({@link ModerationRepository#ban}), each a few statements of bounded cost,
 * however large the branch: no statement comes near the time the store allows one answer, and a
 * branch of any size is banned. The batches are still one transaction (SPEC §6: every write is one
 * transaction, the log line with it), so a ban is done whole or not at all, also when the process
 * dies halfway. Between batches it lets the store serve other requests ({@link BatchPacing}: by
 * default for as long as the batch before took), so that registrations elsewhere keep their pace
 * while a large branch is banned.
 *
 * <p><b>Branch bans and registrations racing them.</b> The transaction first puts itself after
 * every other moderation action ({@link ModerationRepository#serialize()}), so two bans of
 * overlapping branches never lock accounts in opposite orders. Then it goes through the scope in
 * passes, batch after batch, and repeats the pass until one bans nobody. Each statement sees the
 * branch as it was when that statement started, and locks every account it bans, until the
 * transaction ends. A registration through an invite of the branch locks the inviter's account
 * before the invite (as this transaction takes accounts before invites): when it got there first,
 * the statement that reaches the inviter waits for the registration to commit, and the account it
 * created may lie before the place the pass has reached (its id need not be the highest of its
 * depth); the next pass reaches it and bans it with the branch. When the ban got there first, the
 * registration waits for the inviter's lock, then finds the inviter banned and its invite deleted,
 * and is refused. A pass that bans nobody proves that no registration through the branch is still
 * in flight: every account it went through is then locked by this transaction (or was banned on the
 * same terms before, and has no invite left), so no newcomer can join below it until this
 * transaction ends. Each batch deletes the invites and ends the sessions of its accounts, also of
 * those banned before; the accounts a later pass bans lose theirs in that pass.
 */
public final class BanPersonService implements BanPersonUseCase {

    /**
     * Accounts per batch: on PostgreSQL a batch of a branch that holds an invite per account takes
     * some 60 ms (banning them, deleting their invites, ending their sessions).
     */
    public static final int BATCH_SIZE = 5_000;

    private final Transactions transactions;
    private final UserRepository users;
    private final ModerationRepository moderation;
    private final Clock clock;
    private final int batchSize;
    private final BatchPacing pacing;

    /** Batches of {@link #BATCH_SIZE}, each followed by a pause as long as it took ({@link BatchPacing#halfTheTime()}). */
    public BanPersonService(
            Transactions transactions, UserRepository users, ModerationRepository moderation, Clock clock) {
        this(transactions, users, moderation, clock, BATCH_SIZE, BatchPacing.halfTheTime());
    }

    /** With batches of {@code batchSize} accounts and the given pacing: tests of several batches. */
    public BanPersonService(
            Transactions transactions,
            UserRepository users,
            ModerationRepository moderation,
            Clock clock,
            int batchSize,
            BatchPacing pacing) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds one account at least, not " + batchSize);
        }
        this.transactions = transactions;
        this.users = users;
        this.moderation = moderation;
        this.clock = clock;
        this.batchSize = batchSize;
        this.pacing = Objects.requireNonNull(pacing, "pacing");
    }

    @Override
    public BanPersonResult banPerson(BanPersonCommand command) {
        return transactions.inTransaction(() -> {
            LocalUser admin = Actors.currentAdmin(users, command.actor());
            moderation.serialize();
            Instant now = clock.instant();
            LocalUser target = users.findById(command.personId().localUser())
                    .orElseThrow(() -> new UseCaseFailure(
                            Reason.NO_SUCH_ACCOUNT,
                            "no person has the id " + command.personId().value()));
            Scope scope = Scope.of(target, command.includeInvitees());
            Totals totals;
            Optional<Instant> expiresAt;
            Batches batches = new Batches();
            if (command.ban()) {
                Ban ban = Ban.impose(command.reason(), command.expiresAt(), now);
                totals = banUntilNoneIsLeft(batches, scope, ban, now);
                expiresAt = ban.expiresAt();
            } else {
                totals = batches.pass((after, limit) -> moderation.unban(scope, now, after, limit));
                expiresAt = Optional.empty();
            }
            moderation.append(new ModerationEntry.New(
                    command.ban() ? ModerationAction.BAN : ModerationAction.UNBAN,
                    admin.id(),
                    scope,
                    totals.changed(),
                    totals.revokedInvites(),
                    command.reason(),
                    expiresAt,
                    now));
            LocalUser after = users.findById(target.id()).orElseThrow();
            return new BanPersonResult(LocalUserView.of(after, now), totals.changed(), totals.revokedInvites());
        });
    }

    /**
     * Passes over the scope until one bans nobody new: see the class comment for why one pass is
     * not enough.
     */
    private Totals banUntilNoneIsLeft(Batches batches, Scope scope, Ban ban, Instant now) {
        Totals total = new Totals(0, 0);
        Totals pass;
        do {
            pass = batches.pass((after, limit) -> moderation.ban(scope, ban, now, after, limit));
            total = total.plus(pass);
        } while (pass.changed() > 0);
        return total;
    }

    /** The batches of one action: paced after the first, however many passes they make. */
    private final class Batches {

        private Optional<Duration> previous = Optional.empty();

        /** One pass over the scope, batch after batch, until a batch reaches its end. */
        Totals pass(BatchStep step) {
            Totals total = new Totals(0, 0);
            Optional<Position> after = Optional.empty();
            Batch batch;
            do {
                previous.ifPresent(pacing::beforeNextBatch);
                long started = System.nanoTime();
                batch = step.next(after, batchSize);
                previous = Optional.of(Duration.ofNanos(System.nanoTime() - started));
                total = total.plus(new Totals(batch.changed(), batch.revokedInvites()));
                after = batch.last();
            } while (batch.full(batchSize) && after.isPresent());
            return total;
        }
    }

    /** One batch of a ban or an unban, after a place of the scope, of at most a number of accounts. */
    @FunctionalInterface
    private interface BatchStep {
        Batch next(Optional<Position> after, int limit);
    }

    /** Accounts changed and invites deleted, summed over batches. */
    private record Totals(long changed, long revokedInvites) {

        Totals plus(Totals more) {
            return new Totals(changed + more.changed, revokedInvites + more.revokedInvites);
        }
    }
}
