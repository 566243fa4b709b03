package guestlist.application.service;

import guestlist.application.port.out.SessionRepository;
import guestlist.domain.account.LocalUserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Opens sessions inside the caller's transaction: one week, or until log-out. */
public final class SessionOpener {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(7);

    private final SessionRepository sessions;
    private final SessionTokens tokens;

    public SessionOpener(SessionRepository sessions, SecureRandom random) {
        this.sessions = sessions;
        this.tokens = new SessionTokens(random);
    }

    /** @return the new session's token, which only the caller ever sees */
    String open(LocalUserId userId, boolean stayLoggedIn, Instant now) {
        String token = tokens.newToken();
        sessions.add(
                SessionTokens.hash(token),
                userId,
                now,
                stayLoggedIn ? Optional.empty() : Optional.of(now.plus(SESSION_LIFETIME)));
        return token;
    }
}
