package guestlist.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The out-ports on PostgreSQL, all on one {@link DataSource}: the repositories take part in the
 * transactions of {@link #transactions()} because they share it.
 *
 * <p>Timestamps are stored as {@code timestamptz}, which keeps microseconds: instants are
 * truncated to microseconds when written, so callers' clocks should not rely on nanoseconds.
 *
 * <p>Typical wiring: {@code DataSource pool = pool(url, user, password, 10); migrate(pool);
 * PostgresPersistence persistence = new PostgresPersistence(pool);} and closing the pool at the end.
 */
public final class PostgresPersistence {

    /** Where the Flyway migrations live. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    /** How long a request waits for a connection before it is answered {@code service_unavailable}. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long the out-ports wait for any one answer of the database (the socket's read timeout)
     * before they give up with {@code service_unavailable}: a database that stopped answering
     * without closing anything (a hung host, a network dropping packets) would otherwise hold the
     * request, its worker thread and its connection until it answers again. Far above what any
     * statement of a use case takes, lock waits included; migrations are not bound by it.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final UserRepository users;
    private final SiteRepository sites;
    private final SessionRepository sessions;
    private final InviteRepository invites;
    private final RegistrationApplicationRepository applications;
    private final Transactions transactions;
    private final StorageHealth health;

    public PostgresPersistence(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        DataSource bounded = new AnswerTimeoutDataSource(dataSource, ANSWER_TIMEOUT);
        JdbcClient jdbc = JdbcClient.create(bounded);
        this.users = new PostgresUserRepository(jdbc);
        this.sites = new PostgresSiteRepository(jdbc);
        this.sessions = new PostgresSessionRepository(jdbc);
        this.invites = new PostgresInviteRepository(jdbc);
        this.applications = new PostgresRegistrationApplicationRepository(jdbc);
        // the same data source object as the repositories', so that they join its transactions
        this.transactions = new PostgresTransactions(new JdbcTransactionManager(bounded));
        this.health = new PostgresStorageHealth(dataSource);
    }

    public UserRepository users() {
        return users;
    }

    public SiteRepository sites() {
        return sites;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public InviteRepository invites() {
        return invites;
    }

    public RegistrationApplicationRepository applications() {
        return applications;
    }

    public Transactions transactions() {
        return transactions;
    }

    public StorageHealth health() {
        return health;
    }

    /**
     * Hands out the connections of a data source with a read timeout set ({@link
     * Connection#setNetworkTimeout}); HikariCP puts the pool's own value back when a connection
     * returns, so the connections Flyway or the health check take are not affected.
     */
    private static final class AnswerTimeoutDataSource extends DelegatingDataSource {

        private final int timeoutMillis;

        AnswerTimeoutDataSource(DataSource target, Duration timeout) {
            super(target);
            this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        }

        @Override
        public Connection getConnection() throws SQLException {
            return bounded(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return bounded(super.getConnection(username, password));
        }

        private Connection bounded(Connection connection) throws SQLException {
            try {
                connection.setNetworkTimeout(Runnable::run, timeoutMillis);
                return connection;
            } catch (SQLException | RuntimeException failed) {
                connection.close();
                throw failed;
            }
        }
    }

    /**
     * A connection pool for Guestlist. A request waits at most 2 s for a connection, so a database
     * that is down gets a quick {@code service_unavailable}. The pool can be made while the
     * database is down (it does not try to connect up front) and recovers by itself when the
     * database comes back. The caller closes it.
     *
     * @param user     may be null when the URL carries the credentials
     * @param password may be null
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxPoolSize) {
        return pool(jdbcUrl, user, password, maxPoolSize, CONNECTION_TIMEOUT);
    }

    static HikariDataSource pool(String jdbcUrl, String user, String password, int maxPoolSize,
                                 Duration connectionTimeout) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
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

    /**
     * Applies the pending migrations of {@link #MIGRATIONS_LOCATION}. Safe to run from several
     * processes at once (Flyway takes a database lock).
     *
     * @return how many migrations it applied
     */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
