package guestlist.adapters.postgres;

import static guestlist.testsupport.Credentials.PASSWORD;

import guestlist.application.UseCases;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegistrationResult;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** The real use cases, wired by {@link UseCases} on one {@link PostgresPersistence} as in one server process. */
final class Services {

    final PostgresPersistence persistence;
    final UseCases useCases;

    Services(PostgresPersistence persistence) {
        this.persistence = persistence;
        this.useCases = UseCases.of(
                new UseCases.OutPorts(
                        persistence.transactions(),
                        persistence.sites(),
                        persistence.users(),
                        persistence.invites(),
                        persistence.applications(),
                        persistence.sessions(),
                        persistence.moderation(),
                        persistence.branches(),
                        new ReversingPasswordHasher(),
                        persistence.health()),
                Clock.systemUTC(),
                new SecureRandom(),
                UseCases.DEFAULT_SITE_MAX_AGE);
    }

    RegistrationResult register(String name, Optional<String> email, Optional<String> inviteToken) {
        return useCases.register()
                .register(RegisterCommand.of(
                        name, PASSWORD, PASSWORD, email, Optional.empty(), inviteToken, Optional.empty(), false));
    }

    RegistrationResult registerWithInvite(String name, Invite invite) {
        return register(name, Optional.empty(), Optional.of(invite.token().value()));
    }

    RegistrationResult registerWithInviteAndAnswer(String name, Invite invite, String answer) {
        return useCases.register()
                .register(RegisterCommand.of(
                        name,
                        PASSWORD,
                        PASSWORD,
                        Optional.empty(),
                        Optional.of(answer),
                        Optional.of(invite.token().value()),
                        Optional.empty(),
                        false));
    }

    Invite createInvite(LocalUser creator, Optional<Integer> maxUses) {
        return useCases.createInvite().createInvite(new CreateInviteCommand(creator, maxUses, Optional.empty()));
    }

    String login(String nameOrEmail) {
        return useCases.login().login(new LoginCommand(nameOrEmail, PASSWORD, false));
    }
}
