package guestlist.application.service;

import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Clock;
import java.time.Instant;

/**
 * A password change, as Lemmy makes it: the old password is verified, the new hash stored, every
 * session of the account ended (the one asking too), and a new session opened in its place.
 *
 * <p>Both slow hashes (verifying the old password, hashing the new one) run before the
 * transaction, so no lock is held while they run. The transaction then locks the account and
 * checks that the asking session is still live: a change, a log-out or a denial that ended it
 * meanwhile (each of which ends sessions) makes this one {@code NOT_LOGGED_IN} and writes nothing,
 * so of two changes racing from two sessions exactly one wins.
 */
public final class ChangePasswordService implements ChangePasswordUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final SessionOpener opener;
    private final Clock clock;

    public ChangePasswordService(
            Transactions transactions,
            UserRepository users,
            SessionRepository sessions,
            PasswordHasher hasher,
            SessionOpener opener,
            Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public String changePassword(ChangePasswordCommand command) {
        LocalUserId userId = command.actor().id();
        String storedHash =
                transactions.read(() -> users.findPasswordHash(userId)).orElseThrow(ChangePasswordService::notLoggedIn);
        if (!hasher.matches(command.oldPassword(), storedHash)) {
            throw new UseCaseFailure(Reason.INCORRECT_LOGIN, "the old password is wrong");
        }
        String newHash = hasher.hash(command.newPassword().value());
        String askingSession = SessionTokens.hash(command.sessionToken());
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            if (users.lockById(userId).isEmpty()) {
                throw notLoggedIn();
            }
            boolean stillLive = sessions.findUser(askingSession, now)
                    .map(LocalUser::id)
                    .filter(userId::equals)
                    .isPresent();
            if (!stillLive) {
                throw notLoggedIn();
            }
            users.setPasswordHash(userId, newHash);
            sessions.deleteAllOf(userId);
            return opener.open(userId, command.stayLoggedIn(), now);
        });
    }

    private static UseCaseFailure notLoggedIn() {
        return new UseCaseFailure(Reason.NOT_LOGGED_IN, "log in first: the session is missing, expired or ended");
    }
}
