package guestlist.application.service;

import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.BanPersonResult;
import guestlist.application.port.in.BanPersonUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Revoked;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Banning a person, or lifting its ban, alone or with its whole invite branch: one transaction
 * that bans (or unbans), deletes the invites and ends the sessions of every account it reaches,
 * and writes the log entry.
 *
 * <p><b>Branch bans and registrations racing them.</b> The transaction first puts itself after
 * every other moderation action ({@link ModerationRepository#serialize()}), so two bans of
 * overlapping branches never lock accounts in opposite orders. Then it calls
 * {@link ModerationRepository#ban} until a call changes nothing. Each call is one statement, and
 * each statement sees the branch as it was when that statement started, and locks every account
 * it bans. A registration through an invite of the branch locks the inviter's account before the
 * invite (as this transaction takes accounts before invites): when it got there first, the
 * statement that reaches the inviter waits for the registration to commit, and the account it
 * created was not in that statement's snapshot; the next call, a fresh statement with a fresh
 * snapshot, reaches it and bans it with the branch. When the ban got there first, the
 * registration waits for the inviter's lock, then finds the inviter banned and its invite deleted,
 * and is refused. A call that changes nothing proves that no registration through the branch is
 * still in flight: every account it reached is then locked by this transaction (or was banned on
 * the same terms before, and has no invite left), so no newcomer can join below it until this
 * transaction ends. Only then are the invites deleted and the sessions ended, also of the
 * accounts the later calls reached.
 */
public final class BanPersonService implements BanPersonUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final ModerationRepository moderation;
    private final Clock clock;

    public BanPersonService(
            Transactions transactions, UserRepository users, ModerationRepository moderation, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.moderation = moderation;
        this.clock = clock;
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
            long affected;
            long revokedInvites;
            Optional<Instant> expiresAt;
            if (command.ban()) {
                Ban ban = Ban.impose(command.reason(), command.expiresAt(), now);
                affected = banUntilNoneIsLeft(scope, ban, now);
                Revoked revoked = moderation.revokeInvites(scope);
                moderation.endSessions(scope);
                revokedInvites = revoked.invites();
                expiresAt = ban.expiresAt();
            } else {
                affected = moderation.unban(scope, now);
                revokedInvites = 0;
                expiresAt = Optional.empty();
            }
            moderation.append(new ModerationEntry.New(
                    command.ban() ? ModerationAction.BAN : ModerationAction.UNBAN,
                    admin.id(),
                    scope,
                    affected,
                    revokedInvites,
                    command.reason(),
                    expiresAt,
                    now));
            LocalUser after = users.findById(target.id()).orElseThrow();
            return new BanPersonResult(LocalUserView.of(after, now), affected, revokedInvites);
        });
    }

    /**
     * Bans, statement after statement, until a statement reaches nobody new: see the class
     * comment for why one statement is not enough.
     */
    private long banUntilNoneIsLeft(Scope scope, Ban ban, Instant now) {
        long total = 0;
        long changed;
        do {
            changed = moderation.ban(scope, ban, now);
            total += changed;
        } while (changed > 0);
        return total;
    }
}
