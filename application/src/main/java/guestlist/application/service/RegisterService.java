package guestlist.application.service;

import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.in.RegistrationResult;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteClaim;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.registration.RegistrationDecision;
import guestlist.domain.registration.RegistrationPolicy;
import guestlist.domain.site.LocalSite;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Registration as one transaction: read the site, lock the invite if one is given, let
 * {@link RegistrationPolicy} decide, then store the account, its application if it waits for one,
 * and the invite's new use count (or delete the invite at its last use) with a record of the
 * sign-up, together. Any refusal rolls all of it back, so a failed registration consumes nothing.
 * The password is hashed before the transaction, so no lock is held while the slow hash runs.
 *
 * <p>While the site limits sign-ups through invites per day, the policy asks for their count
 * ({@link InviteRepository#lockSignupsSince}), which also holds every other registration with an
 * invite until this one ends: they count one after another, each with the sign-ups of those
 * before it. Its lock is taken after the invite's, and no transaction takes them the other way
 * round. Registrations without an invite, and all of them while the limit is off, never wait for it.
 *
 * <p>With an invite, the inviter's account is locked before the invite, in the order a ban takes
 * them (accounts, then invites), so the two never deadlock: a registration racing a ban of the
 * inviter's branch either holds the inviter first, and the ban waits for it and then bans the new
 * account with the branch, or finds the inviter banned and is refused (see
 * {@code BanPersonService}).
 */
public final class RegisterService implements RegisterUseCase {

    private final Transactions transactions;
    private final SiteRepository sites;
    private final UserRepository users;
    private final InviteRepository invites;
    private final RegistrationApplicationRepository applications;
    private final PasswordHasher hasher;
    private final SessionOpener sessions;
    private final Clock clock;

    public RegisterService(
            Transactions transactions,
            SiteRepository sites,
            UserRepository users,
            InviteRepository invites,
            RegistrationApplicationRepository applications,
            PasswordHasher hasher,
            SessionOpener sessions,
            Clock clock) {
        this.transactions = transactions;
        this.sites = sites;
        this.users = users;
        this.invites = invites;
        this.applications = applications;
        this.hasher = hasher;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public RegistrationResult register(RegisterCommand command) {
        String passwordHash = hasher.hash(command.password().value());
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            LocalSite site = sites.get();
            RegistrationDecision decision = RegistrationPolicy.decide(new RegistrationPolicy.Registration(
                    site, claimOf(command.inviteToken()), command.answer(), now, invites::lockSignupsSince));
            checkNameAndEmailFree(command);
            boolean active = decision instanceof RegistrationDecision.ActiveAccount;
            LocalUser user = users.add(
                    new NewUser(command.username(), command.email(), false, active, decision.invitedBy(), now),
                    passwordHash);
            decision.redeemedInvite().ifPresent(redeemed -> store(redeemed, now));
            if (decision instanceof RegistrationDecision.PendingApplication pending) {
                applications.add(user.id(), pending.answer(), now);
                return new RegistrationResult(Optional.empty(), true, site.registrationMode());
            }
            return new RegistrationResult(
                    Optional.of(sessions.open(user.id(), command.stayLoggedIn(), now)), false, site.registrationMode());
        });
    }

    private InviteClaim claimOf(Optional<String> token) {
        return token.map(text -> InviteToken.isWellFormed(text)
                        ? claimOf(new InviteToken(text))
                        : InviteClaim.presented(Optional.empty()))
                .orElseGet(InviteClaim::none);
    }

    /**
     * The invite and its creator, both locked: the invite is read without a lock to learn its
     * creator, the creator's account is locked, then the invite; an invite gone (or, impossibly,
     * of another creator) by then names nothing.
     */
    private InviteClaim claimOf(InviteToken token) {
        Optional<LocalUserId> creatorId = invites.findByToken(token).map(Invite::creatorId);
        if (creatorId.isEmpty()) {
            return InviteClaim.presented(Optional.empty());
        }
        Optional<LocalUser> creator = users.lockById(creatorId.get());
        Optional<Invite> invite =
                invites.lockByToken(token).filter(locked -> locked.creatorId().equals(creatorId.get()));
        if (creator.isEmpty() || invite.isEmpty()) {
            return InviteClaim.presented(Optional.empty());
        }
        return InviteClaim.presented(invite.get(), creator.get());
    }

    /** Early, friendly answers; the unique indexes settle the races between registrations. */
    private void checkNameAndEmailFree(RegisterCommand command) {
        if (users.nameTaken(command.username())) {
            throw new UseCaseFailure(Reason.USERNAME_TAKEN, "that user name is taken");
        }
        if (command.email().map(users::emailTaken).orElse(false)) {
            throw new UseCaseFailure(Reason.EMAIL_TAKEN, "that e-mail address is taken");
        }
    }

    private void store(Invite redeemed, Instant now) {
        if (redeemed.usedUp()) {
            invites.delete(redeemed.id());
        } else {
            invites.updateUses(redeemed);
        }
        invites.recordSignup(now);
    }
}
