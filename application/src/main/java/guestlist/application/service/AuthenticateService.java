package guestlist.application.service;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import guestlist.domain.account.LocalUser;
import java.time.Clock;
import java.time.Instant;

/** "Who is this token": the user of a live session, or not logged in. */
public final class AuthenticateService implements AuthenticateUseCase {

    private final Transactions transactions;
    private final SessionRepository sessions;
    private final Clock clock;

    public AuthenticateService(Transactions transactions, SessionRepository sessions, Clock clock) {
        this.transactions = transactions;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public LocalUser authenticate(String sessionToken) {
        if (!SessionTokens.plausible(sessionToken)) {
            throw notLoggedIn();
        }
        String hash = SessionTokens.hash(sessionToken);
        Instant now = clock.instant();
        return transactions
                .read(() -> sessions.findUser(hash, now))
                .orElseThrow(AuthenticateService::notLoggedIn)
                .requireNotBanned(now);
    }

    private static UseCaseFailure notLoggedIn() {
        return new UseCaseFailure(Reason.NOT_LOGGED_IN, "log in first: the session is missing, expired or ended");
    }
}
