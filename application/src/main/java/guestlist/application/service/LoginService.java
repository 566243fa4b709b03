package guestlist.application.service;

import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.LoginUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.UserRepository.StoredCredentials;
import guestlist.domain.account.LocalUser;
import guestlist.domain.registration.LoginPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Log-in. A log-in for an unknown account verifies the password against the {@link DecoyHash}, so
 * it costs the same time as a wrong password and gets the same answer.
 *
 * <p>The password is verified outside any transaction; the transaction then locks the account and
 * decides on it as it is at that moment: a denial or a password change that committed while the
 * hash was verified wins (the password verified is no longer the account's: {@code INCORRECT_LOGIN}),
 * so no session outlives the change or the denial that was meant to end them all.
 */
public final class LoginService implements LoginUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;
    private final PasswordHasher hasher;
    private final DecoyHash decoy;
    private final SessionOpener opener;
    private final Clock clock;

    public LoginService(
            Transactions transactions,
            UserRepository users,
            RegistrationApplicationRepository applications,
            PasswordHasher hasher,
            DecoyHash decoy,
            SessionOpener opener,
            Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
        this.hasher = hasher;
        this.decoy = decoy;
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public String login(LoginCommand command) {
        decoy.prepare();
        Optional<StoredCredentials> found = transactions.read(() -> users.findCredentials(command.usernameOrEmail()));
        boolean passwordMatches = hasher.matches(
                command.password(), found.map(StoredCredentials::passwordHash).orElseGet(decoy::value));
        if (found.isEmpty() || !passwordMatches) {
            throw incorrectLogin();
        }
        StoredCredentials verified = found.get();
        return transactions.inTransaction(() -> {
            LocalUser user = users.lockById(verified.user().id())
                    .filter(locked -> users.findPasswordHash(locked.id())
                            .filter(verified.passwordHash()::equals)
                            .isPresent())
                    .orElseThrow(LoginService::incorrectLogin);
            Instant now = clock.instant();
            LoginPolicy.checkMayLogIn(
                    user, user.acceptedApplication() ? Optional.empty() : applications.findByUserId(user.id()), now);
            return opener.open(user.id(), command.stayLoggedIn(), now);
        });
    }

    private static UseCaseFailure incorrectLogin() {
        return new UseCaseFailure(Reason.INCORRECT_LOGIN, "wrong user name, e-mail address or password");
    }
}
