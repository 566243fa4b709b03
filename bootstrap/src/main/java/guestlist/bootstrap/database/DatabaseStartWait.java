package guestlist.bootstrap.database;

import guestlist.bootstrap.StartupFailure;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start, before anything else starts, for the database at {@code GUESTLIST_DATABASE_URL}
 * to take a connection, so that a
 * Guestlist started beside its database (by a service manager, a compose file) does not die before
 * the database is up. It tries, and while the answer is one that time may change (nothing listens
 * yet, the host name is not known yet, the database is starting up or has no free connection) it
 * tries again, after 0.25 s, 0.5 s, 1 s and then every 2 s, one log line per failed try, until
 * {@code GUESTLIST_DATABASE_START_TIMEOUT} has passed. An answer that time will not change (wrong
 * password, no such database) ends the wait at once. Either end is a {@link StartupFailure}: one
 * line naming the host, the port and the cause.
 */
public final class DatabaseStartWait {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStartWait.class);

    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /** The longest a single try may take (a database that accepts but does not answer). */
    static final Duration LONGEST_TRY = Duration.ofSeconds(10);

    /** One try to connect, within {@code patience}; throws what the driver threw. */
    @FunctionalInterface
    interface Connector {
        void connect(Duration patience) throws SQLException;
    }

    /** Sleeps; a test's clock moves instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final String address;
    private final Duration timeout;
    private final Connector connector;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    DatabaseStartWait(String address, Duration timeout, Connector connector, LongSupplier nanoTime, Sleeper sleeper) {
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Returns once the database at {@code jdbcUrl} has taken a connection (which it closes again).
     *
     * @param user     may be null (the URL's, or the driver's default)
     * @param password may be null
     * @throws StartupFailure when it has not within {@code timeout}, or refused us for good
     */
    public static void await(String jdbcUrl, String user, String password, Duration timeout) {
        new DatabaseStartWait(
                        DatabaseAddress.of(jdbcUrl),
                        timeout,
                        patience -> tryConnect(jdbcUrl, user, password, patience),
                        System::nanoTime,
                        pause -> TimeUnit.NANOSECONDS.sleep(pause.toNanos()))
                .await();
    }

    private static void tryConnect(String jdbcUrl, String user, String password, Duration patience)
            throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, (patience.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "guestlist");
        try (Connection connected = DriverManager.getConnection(jdbcUrl, properties)) {
            LOG.debug("the database answered as {}", connected.getMetaData().getDatabaseProductVersion());
        }
    }

    void await() {
        long start = nanoTime.getAsLong();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            Duration left = timeout.minusNanos(nanoTime.getAsLong() - start);
            try {
                connector.connect(clamp(left));
                if (attempt > 1) {
                    LOG.info("the database at {} answered at try {}", address, attempt);
                }
                return;
            } catch (SQLException failed) {
                String cause = cause(failed);
                if (!worthWaitingFor(failed)) {
                    throw new StartupFailure(
                            StartupFailure.EXIT_DATABASE_UNREACHABLE,
                            "GUESTLIST_DATABASE_URL: the database at " + address + " refused the connection: " + cause
                                    + hint(failed));
                }
                left = timeout.minusNanos(nanoTime.getAsLong() - start);
                if (left.isNegative() || left.isZero()) {
                    throw new StartupFailure(
                            StartupFailure.EXIT_DATABASE_UNREACHABLE,
                            "GUESTLIST_DATABASE_URL: the database at " + address + " could not be reached within "
                                    + timeout + " (GUESTLIST_DATABASE_START_TIMEOUT, " + attempt
                                    + (attempt == 1 ? " try" : " tries") + "): " + cause);
                }
                Duration wait = pause.compareTo(left) < 0 ? pause : left;
                LOG.warn(
                        "the database at {} cannot be reached yet (try {}: {}); trying again in {} ms, for up to {} s more",
                        address,
                        attempt,
                        cause,
                        wait.toMillis(),
                        (left.toMillis() + 999) / 1000);
                sleep(wait);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
            }
        }
    }

    private void sleep(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StartupFailure(
                    StartupFailure.EXIT_FAILED, "interrupted while waiting for the database at " + address);
        }
    }

    /** A try takes at least a second and at most {@link #LONGEST_TRY}. */
    private static Duration clamp(Duration left) {
        if (left.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return left.compareTo(LONGEST_TRY) > 0 ? LONGEST_TRY : left;
    }

    /**
     * Whether time may change the answer: no connection could be made (SQLSTATE class 08: nothing
     * listens, the host is not known or not reachable, the try timed out), the database is starting
     * up or shutting down (57P03), or it has no free connection (53300). Not: a wrong password
     * (class 28), no such database (3D000), or anything else the database said.
     */
    static boolean worthWaitingFor(SQLException failed) {
        String state = failed.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P03") || state.equals("53300");
    }

    private static String hint(SQLException failed) {
        String state = failed.getSQLState();
        return state != null && state.startsWith("28")
                ? " (check GUESTLIST_DATABASE_USER and GUESTLIST_DATABASE_PASSWORD)"
                : "";
    }

    /**
     * What went wrong, in one line: the innermost cause's message (a refused connection is "Connection
     * refused", an unknown host "UnknownHostException: db.example"), what the database said otherwise.
     */
    static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        String said = root instanceof SQLException || root instanceof ConnectException || message.isEmpty()
                ? (message.isEmpty() ? root.getClass().getSimpleName() : message)
                : root.getClass().getSimpleName() + ": " + message;
        return said.replaceAll("\\s+", " ").trim();
    }
}
