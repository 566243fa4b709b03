package guestlist.application.service;

import guestlist.application.port.in.GetMyUserUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.InviteAllowance;
import guestlist.domain.invite.InvitePolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The session's account with its inviter and its invite allowance, read without locks: the allowance
 * informs the member, and every creation is still checked by {@link CreateInviteService} under the
 * creator's lock.
 */
public final class GetMyUserService implements GetMyUserUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final InviteRepository invites;
    private final Clock clock;

    public GetMyUserService(
            Transactions transactions,
            SiteRepository sites,
            UserRepository users,
            InviteRepository invites,
            Clock clock) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public MyUser getMyUser(LocalUser actor) {
        return transactions.read(() -> {
            Instant now = clock.instant();
            LocalUser user = users.findById(actor.id())
                    .orElseThrow(() -> new UseCaseFailure(Reason.NOT_LOGGED_IN, "this account no longer exists"));
            Optional<LocalUser> inviter = user.invitedBy().flatMap(users::findById);
            InviteAllowance allowance = InvitePolicy.allowance(new InvitePolicy.Creation(
                    sites.get(),
                    user,
                    now,
                    () -> invites.countUsable(user.id(), now),
                    n -> invites.nthLatestAddition(user.id(), n)));
            return new MyUser(user, inviter, allowance);
        });
    }
}
