package guestlist.application.service;

import guestlist.application.port.in.RevokeAllInvitesCommand;
import guestlist.application.port.in.RevokeAllInvitesUseCase;
import guestlist.application.port.in.RevokedInvites;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Revoked;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.ModerationReason;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.time.Clock;
import java.util.Optional;

/**
 * Revoking every invite of an account or of its branch: one transaction, after every other
 * moderation ({@link ModerationRepository#serialize()}), that deletes the invites and writes the
 * log line, or (refused, or failing at any step) changes nothing.
 */
public final class RevokeAllInvitesService implements RevokeAllInvitesUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final ModerationRepository moderation;
    private final Clock clock;

    public RevokeAllInvitesService(
            Transactions transactions, UserRepository users, ModerationRepository moderation, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.moderation = moderation;
        this.clock = clock;
    }

    @Override
    public RevokedInvites revokeAllInvites(RevokeAllInvitesCommand command) {
        return transactions.inTransaction(() -> {
            LocalUser admin = Actors.currentAdmin(users, command.actor());
            String reason = ModerationReason.check(command.reason());
            moderation.serialize();
            Scope scope = Scope.of(TargetAccounts.existing(users, command.target()), command.includeInvitees());
            Revoked revoked = moderation.revokeInvites(scope);
            moderation.append(new ModerationEntry.New(
                    ModerationAction.REVOKE_ALL,
                    admin.id(),
                    scope,
                    revoked.accounts(),
                    revoked.invites(),
                    reason,
                    Optional.empty(),
                    clock.instant()));
            return new RevokedInvites(revoked.invites(), revoked.accounts());
        });
    }
}
