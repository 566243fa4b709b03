package guestlist.adapters.postgres;

import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegistrationResult;
import guestlist.application.service.InviteService;
import guestlist.application.service.RegisterService;
import guestlist.application.service.SessionOpener;
import guestlist.application.service.SessionService;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import static guestlist.testsupport.Credentials.PASSWORD;

/** The real application services wired on one {@link PostgresPersistence}, as one server process has them. */
final class Services {

    final PostgresPersistence persistence;
    final RegisterService registration;
    final InviteService invites;
    final SessionService sessions;

    Services(PostgresPersistence persistence) {
        this.persistence = persistence;
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        ReversingPasswordHasher hasher = new ReversingPasswordHasher();
        SessionOpener opener = new SessionOpener(persistence.sessions(), random);
        this.registration = new RegisterService(persistence.transactions(), persistence.sites(), persistence.users(),
                persistence.invites(), persistence.applications(), hasher, opener, clock);
        this.invites = new InviteService(persistence.transactions(), persistence.sites(), persistence.users(),
                persistence.invites(), random, clock);
        this.sessions = new SessionService(persistence.transactions(), persistence.users(), persistence.sessions(),
                persistence.applications(), hasher, opener, clock, random);
    }

    RegistrationResult register(String name, Optional<String> email, Optional<String> inviteToken) {
        return registration.register(RegisterCommand.of(name, PASSWORD, PASSWORD, email, Optional.empty(),
                inviteToken, Optional.empty(), false));
    }

    RegistrationResult registerWithInvite(String name, Invite invite) {
        return register(name, Optional.empty(), Optional.of(invite.token().value()));
    }

    Invite createInvite(LocalUser creator, Optional<Integer> maxUses) {
        return invites.createInvite(new CreateInviteCommand(creator, maxUses, Optional.empty()));
    }

    String login(String nameOrEmail) {
        return sessions.login(new LoginCommand(nameOrEmail, PASSWORD, false));
    }
}
