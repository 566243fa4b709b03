package guestlist.application.service;

import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InvitePolicy;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Creating an invite. {@link InvitePolicy} decides whether the creator may (the cap, the minimum
 * account age, the daily limit), and the invite is inserted, in one transaction that first locks
 * the creator's row, so one user's concurrent creates run one after another in every process and
 * each counts the invites of the ones before it.
 * A banned creator is refused under that lock: a create racing a ban of its creator either commits
 * first, and the ban then deletes the invite, or sees the ban.
 */
public final class CreateInviteService implements CreateInviteUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final InviteRepository invites;
    private final SecureRandom random;
    private final Clock clock;

    public CreateInviteService(
            Transactions transactions,
            SiteRepository sites,
            UserRepository users,
            InviteRepository invites,
            SecureRandom random,
            Clock clock) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
        this.invites = invites;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public Invite createInvite(CreateInviteCommand command) {
        InviteToken token = InviteToken.random(random);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            NewInvite invite = Invite.issue(
                    token, command.actor().id(), command.maxUses(), command.expiresAt(), command.comment(), now);
            LocalUser creator = users.lockById(command.actor().id())
                    .orElseThrow(() -> new UseCaseFailure(Reason.NOT_LOGGED_IN, "this account no longer exists"))
                    .requireNotBanned(now);
            creator.invitePermission().requireCanInvite();
            InvitePolicy.checkMayCreate(new InvitePolicy.Creation(
                    sites.get(),
                    creator,
                    now,
                    () -> invites.countUsable(creator.id(), now),
                    n -> invites.nthLatestAddition(creator.id(), n)));
            return invites.add(invite);
        });
    }
}
