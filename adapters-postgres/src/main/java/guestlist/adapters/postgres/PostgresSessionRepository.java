package guestlist.adapters.postgres;

import guestlist.application.port.out.SessionRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sessions in {@code login_token}, keyed by the token's hash; they go with their account. */
final class PostgresSessionRepository implements SessionRepository {

    /** {@link Rows#USER_COLUMNS} of the table aliased {@code u}. */
    private static final String USER_COLUMNS_OF_U = "u." + Rows.USER_COLUMNS.replace(", ", ", u.");

    private final JdbcClient jdbc;

    PostgresSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(String tokenHash, LocalUserId userId, Instant publishedAt, Optional<Instant> expiresAt) {
        jdbc.sql("""
                        INSERT INTO login_token (token_hash, local_user_id, published_at, expires_at)
                        VALUES (:hash, :userId, :publishedAt, :expiresAt)""")
                .param("hash", tokenHash)
                .param("userId", userId.value())
                .param("publishedAt", Timestamps.parameter(publishedAt))
                .param("expiresAt", Timestamps.parameter(expiresAt))
                .update();
    }

    /** One statement: the session joined to its account. A session expiring exactly {@code now} has expired. */
    @Override
    public Optional<LocalUser> findUser(String tokenHash, Instant now) {
        return jdbc.sql("SELECT " + USER_COLUMNS_OF_U
                        + " FROM login_token t JOIN local_user u ON u.id = t.local_user_id"
                        + " WHERE t.token_hash = :hash AND (t.expires_at IS NULL OR t.expires_at > :now)")
                .param("hash", tokenHash)
                .param("now", Timestamps.parameter(now))
                .query(Rows::user)
                .optional();
    }

    @Override
    public void delete(String tokenHash) {
        jdbc.sql("DELETE FROM login_token WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .update();
    }

    /** Served by the index on {@code local_user_id}. */
    @Override
    public int deleteAllOf(LocalUserId userId) {
        return jdbc.sql("DELETE FROM login_token WHERE local_user_id = :userId")
                .param("userId", userId.value())
                .update();
    }

    /** See {@link ExpiredRows#deleteBatch}. */
    @Override
    public int deleteExpired(Instant now, int batchSize) {
        return ExpiredRows.deleteBatch(jdbc, "login_token", "token_hash", now, batchSize);
    }
}
