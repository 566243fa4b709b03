package guestlist.application.service;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.LoginUseCase;
import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.UserRepository.StoredCredentials;
import guestlist.domain.account.LocalUser;
import guestlist.domain.registration.LoginPolicy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Log-in, log-out and "who is this token". A log-in for an unknown account verifies the password
 * against a decoy hash, so it costs the same time as a wrong password and gets the same answer.
 */
public final class SessionService implements LoginUseCase, LogoutUseCase, AuthenticateUseCase,
        SweepExpiredSessionsUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final RegistrationApplicationRepository applications;
    private final PasswordHasher hasher;
    private final SessionOpener opener;
    private final Clock clock;
    private final SecureRandom random;
    /**
     * Hashed in the background once the first log-in arrives (not while the server starts: a hash
     * with a cold JIT takes a good part of a second of CPU), so by the time a log-in for an unknown
     * account needs it, it is usually there.
     */
    private final AtomicReference<CompletableFuture<String>> decoyHash = new AtomicReference<>();

    public SessionService(Transactions transactions, UserRepository users, SessionRepository sessions,
                          RegistrationApplicationRepository applications, PasswordHasher hasher,
                          SessionOpener opener, Clock clock, SecureRandom random) {
        this.transactions = transactions;
        this.users = users;
        this.sessions = sessions;
        this.applications = applications;
        this.hasher = hasher;
        this.opener = opener;
        this.clock = clock;
        this.random = random;
    }

    private String randomPassword() {
        byte[] decoy = new byte[24];
        random.nextBytes(decoy);
        return Base64.getEncoder().encodeToString(decoy);
    }

    /** Starts making the decoy hash in the background, the first time only. */
    private CompletableFuture<String> decoy() {
        CompletableFuture<String> current = decoyHash.get();
        if (current != null) {
            return current;
        }
        String password = randomPassword();
        CompletableFuture<String> started = new CompletableFuture<>();
        if (!decoyHash.compareAndSet(null, started)) {
            return decoyHash.get();
        }
        CompletableFuture.runAsync(() -> {
            try {
                started.complete(hasher.hash(password));
            } catch (RuntimeException failed) {
                started.completeExceptionally(failed);
            }
        });
        return started;
    }

    /** The decoy hash; made here and now if making it in the background failed. */
    private String decoyHash() {
        try {
            return decoy().join();
        } catch (CompletionException | CancellationException failed) {
            String hash = hasher.hash(randomPassword());
            decoyHash.set(CompletableFuture.completedFuture(hash));
            return hash;
        }
    }

    @Override
    public String login(LoginCommand command) {
        decoy();
        Optional<StoredCredentials> found =
                transactions.read(() -> users.findCredentials(command.usernameOrEmail()));
        boolean passwordMatches = hasher.matches(command.password(),
                found.map(StoredCredentials::passwordHash).orElseGet(this::decoyHash));
        if (found.isEmpty() || !passwordMatches) {
            throw new UseCaseFailure(Reason.INCORRECT_LOGIN, "wrong user name, e-mail address or password");
        }
        LocalUser user = found.get().user();
        return transactions.inTransaction(() -> {
            LoginPolicy.checkMayLogIn(user,
                    user.acceptedApplication() ? Optional.empty() : applications.findByUserId(user.id()));
            return opener.open(user.id(), command.stayLoggedIn(), clock.instant());
        });
    }

    @Override
    public void logout(String sessionToken) {
        if (SessionTokens.plausible(sessionToken)) {
            transactions.run(() -> sessions.delete(SessionTokens.hash(sessionToken)));
        }
    }

    @Override
    public LocalUser authenticate(String sessionToken) {
        if (!SessionTokens.plausible(sessionToken)) {
            throw notLoggedIn();
        }
        String hash = SessionTokens.hash(sessionToken);
        return transactions.read(() -> sessions.findUser(hash, clock.instant()))
                .orElseThrow(SessionService::notLoggedIn);
    }

    @Override
    public int sweepExpiredSessions() {
        Instant now = clock.instant();
        return BatchedSweep.run(transactions, () -> sessions.deleteExpired(now, BatchedSweep.BATCH_SIZE));
    }

    private static UseCaseFailure notLoggedIn() {
        return new UseCaseFailure(Reason.NOT_LOGGED_IN, "log in first: the session is missing, expired or ended");
    }
}
