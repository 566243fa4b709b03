package guestlist.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of Guestlist's connection pool, and the pool made from them ({@link #open()}). A
 * request waits at most {@code connectionTimeout} (2 s unless told) for a connection, so a
 * database that is down gets a quick {@code service_unavailable}. The pool can be made while the
 * database is down (it does not try to connect up front) and recovers by itself when the database
 * comes back.
 *
 * @param user     may be null when the URL carries the credentials
 * @param password may be null
 */
public record PoolSettings(String jdbcUrl, String user, String password, int maxPoolSize, Duration connectionTimeout) {

    /** How long a request waits for a connection before it is answered {@code service_unavailable}. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    public PoolSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    /** With the 2 s wait for a connection. */
    public PoolSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
        this(jdbcUrl, user, password, maxPoolSize, CONNECTION_TIMEOUT);
    }

    /** A new pool on these settings; the caller closes it. */
    public HikariDataSource open() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("guestlist-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // The transactions rely on READ COMMITTED (a FOR UPDATE waiter reads the row as committed):
        // set once when a connection is made, whatever the server's default, not per transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setValidationTimeout(Math.min(1_000, connectionTimeout.toMillis() / 2));
        // < 0: start without trying to connect; connections are made when the database answers
        config.setInitializationFailTimeout(-1);
        // pgjdbc: seconds to wait for a TCP connection to be made (default 10)
        config.addDataSourceProperty("connectTimeout", Math.max(1, connectionTimeout.toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "guestlist");
        return new HikariDataSource(config);
    }

    /** Without the password, so that the settings can be logged. */
    @Override
    public String toString() {
        return "PoolSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
