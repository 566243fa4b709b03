package guestlist.application.service;

import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.application.port.in.RevokeInviteUseCase;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creating, listing, revoking and checking invites, and sweeping the expired ones. The per-user
 * cap is checked and the invite inserted in one transaction that first locks the creator's row,
 * so one user's concurrent creates run one after another in every process.
 */
public final class InviteService implements CreateInviteUseCase, ListInvitesUseCase, RevokeInviteUseCase,
        CheckInviteValidityUseCase, SweepExpiredInvitesUseCase {

    /** Expired invites deleted per sweep transaction: small enough never to hold locks for long. */
    public static final int SWEEP_BATCH_SIZE = BatchedSweep.BATCH_SIZE;

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final InviteRepository invites;
    private final SecureRandom random;
    private final Clock clock;

    public InviteService(Transactions transactions, SiteRepository sites, UserRepository users,
                         InviteRepository invites, SecureRandom random, Clock clock) {
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
            NewInvite invite = Invite.issue(token, command.actor().id(), command.maxUses(), command.expiresAt(), now);
            LocalUser creator = users.lockById(command.actor().id())
                    .orElseThrow(() -> new UseCaseFailure(Reason.NOT_LOGGED_IN, "this account no longer exists"));
            sites.get().checkInviteAllowance(creator, () -> invites.countUsable(creator.id(), now));
            return invites.add(invite);
        });
    }

    @Override
    public Page<Invite> listInvites(ListInvitesQuery query) {
        int size = query.size().value();
        List<Invite> found = transactions.read(() -> invites.listUsable(query.actor().id(), clock.instant(),
                query.after().map(after -> new InviteId(after.lastId())), size + 1));
        if (found.size() <= size) {
            return new Page<>(found, Optional.empty());
        }
        List<Invite> page = found.subList(0, size);
        return new Page<>(page, Optional.of(new PagePosition(page.get(size - 1).id().value())));
    }

    @Override
    public void revokeInvite(LocalUser actor, String token) {
        if (!InviteToken.isWellFormed(token)) {
            throw notYours();
        }
        transactions.run(() -> {
            Invite invite = invites.findByToken(new InviteToken(token)).orElseThrow(InviteService::notYours);
            if (!invite.revocableBy(Actors.current(users, actor))) {
                throw notYours();
            }
            invites.delete(invite.id());
        });
    }

    @Override
    public boolean isValid(String token) {
        if (!InviteToken.isWellFormed(token)) {
            return false;
        }
        return transactions.read(() -> invites.findByToken(new InviteToken(token)))
                .map(invite -> invite.usableAt(clock.instant()))
                .orElse(false);
    }

    @Override
    public int sweepExpiredInvites() {
        Instant now = clock.instant();
        return BatchedSweep.run(transactions, () -> invites.deleteExpired(now, SWEEP_BATCH_SIZE));
    }

    private static UseCaseFailure notYours() {
        return new UseCaseFailure(Reason.NO_INVITE_OF_YOURS, "no invite of yours has that token");
    }
}
