package guestlist.application.port.out;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Log-in sessions. Only a hash of each session token is stored (the token itself is shown once,
 * to its owner), so a copy of the table lets nobody in.
 */
public interface SessionRepository {

    /** @param expiresAt when the session stops working; empty = at log-out only */
    void add(String tokenHash, LocalUserId userId, Instant publishedAt, Optional<Instant> expiresAt);

    /**
     * The account of a session that exists and has not expired at {@code now} (a session expiring
     * exactly at {@code now} has expired), in one lookup: every authenticated request makes it.
     */
    Optional<LocalUser> findUser(String tokenHash, Instant now);

    void delete(String tokenHash);

    /** Ends every session of the account, expired or not; returns how many it deleted. */
    int deleteAllOf(LocalUserId userId);

    /** Deletes at most {@code batchSize} sessions expired at {@code now}; returns how many it deleted. */
    int deleteExpired(Instant now, int batchSize);
}
