package guestlist.application.service;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.application.port.in.ChangeInvitePermissionUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.ModerationRepository.Revoked;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.ModerationReason;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Withdrawing or giving back the right to invite, of an account or of its branch: one
 * transaction, after every other moderation ({@link ModerationRepository#serialize()}), that
 * changes the permission, revokes the invites of every account that lost it, and writes the log
 * line; or (refused, or failing at any step) changes nothing.
 *
 * <p>The permission is set first: that locks each account reached, so an invite creation of one of
 * them that began earlier (creation locks its creator first) has committed when the invites are
 * revoked, and is revoked with them, while one that begins later sees the right withdrawn. No
 * invite created before the right was withdrawn survives it. A registration through an invite of
 * the branch that was under way (it locks the invite's creator first, too) has committed by then:
 * the permission is set again until no account is left to change, so the newcomer is reached with
 * the branch; a later one waits, and finds the invite revoked.
 */
public final class ChangeInvitePermissionService implements ChangeInvitePermissionUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final ModerationRepository moderation;
    private final Clock clock;

    public ChangeInvitePermissionService(
            Transactions transactions, UserRepository users, ModerationRepository moderation, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.moderation = moderation;
        this.clock = clock;
    }

    @Override
    public LocalUserView changeInvitePermission(ChangeInvitePermissionCommand command) {
        return transactions.inTransaction(() -> {
            LocalUser admin = Actors.currentAdmin(users, command.actor());
            String reason = ModerationReason.check(command.reason());
            InvitePermission permission =
                    command.canInvite() ? InvitePermission.ALLOWED : InvitePermission.disabled(reason);
            moderation.serialize();
            Scope scope = Scope.of(TargetAccounts.existing(users, command.target()), command.includeInvitees());
            long changed = 0;
            for (long more = moderation.setInvitePermission(scope, permission);
                    more > 0;
                    more = moderation.setInvitePermission(scope, permission)) {
                changed += more;
            }
            Revoked revoked = command.canInvite() ? new Revoked(0, 0) : moderation.revokeInvites(scope);
            Instant now = clock.instant();
            moderation.append(new ModerationEntry.New(
                    command.canInvite() ? ModerationAction.ENABLE_INVITES : ModerationAction.DISABLE_INVITES,
                    admin.id(),
                    scope,
                    changed,
                    revoked.invites(),
                    reason,
                    Optional.empty(),
                    now));
            return LocalUserView.of(TargetAccounts.existing(users, command.target()), now);
        });
    }
}
