package guestlist.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Guestlist's connections as the PostgreSQL server sees them (its backends), watched and ended from
 * a connection of the test's own, as an operator, a failover or a restarted pooler ends them: for
 * tests of what a server does when its database ends a connection under a transaction. Guestlist's
 * connections are told apart by their {@code application_name}, {@value #APPLICATION}.
 *
 * <p>{@link #holdCommitsOfAccountsNamed} installs a deferred trigger that makes the COMMIT of a
 * transaction that created such an account wait for an advisory lock; {@link #holdCommits()} takes
 * that lock: a COMMIT the test can catch in the act, and end, without any timing.
 */
public final class Backends {

    /** The {@code application_name} of Guestlist's pooled connections. */
    public static final String APPLICATION = "guestlist";

    /** The advisory lock that held COMMITs wait for. */
    static final long COMMIT_LOCK = 4711;

    /** A backend of Guestlist's waiting in its COMMIT for the lock of {@link #holdCommits()}. */
    public static final String COMMIT_HELD = "upper(query) = 'COMMIT' AND wait_event = 'advisory'";

    /** A backend of Guestlist's waiting for a row lock. */
    public static final String WAITING_FOR_A_LOCK = "state = 'active' AND wait_event_type = 'Lock'";

    private final Sql.Connector database;

    /** On the database that {@code database} connects to (the one Guestlist uses). */
    public Backends(Sql.Connector database) {
        this.database = database;
    }

    /**
     * From now on, a transaction that creates an account whose name starts with {@code prefix}
     * (letters, digits and underscores) waits at its COMMIT, in a deferred constraint trigger, until
     * it may take the advisory lock that {@link #holdCommits()} holds. Call once the schema exists.
     */
    public void holdCommitsOfAccountsNamed(String prefix) {
        if (!prefix.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("a plain name prefix: " + prefix);
        }
        execute("""
                CREATE OR REPLACE FUNCTION test_hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(%d);
                    RETURN NULL;
                END $$""".formatted(COMMIT_LOCK));
        execute("DROP TRIGGER IF EXISTS test_hold_commit ON local_user");
        execute("""
                CREATE CONSTRAINT TRIGGER test_hold_commit AFTER INSERT ON local_user
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (starts_with(NEW.name, '%s'))
                EXECUTE FUNCTION test_hold_commit()""".formatted(prefix));
    }

    /**
     * Holds the COMMITs of {@link #holdCommitsOfAccountsNamed}'s accounts until {@link
     * CommitHold#close()}: meanwhile they wait, in their COMMIT, where {@link #COMMIT_HELD} finds them.
     */
    public CommitHold holdCommits() {
        try {
            Connection connection = database.connect();
            try {
                query(connection, "SELECT pg_advisory_lock(" + COMMIT_LOCK + ")");
                return new CommitHold(connection);
            } catch (SQLException | RuntimeException failed) {
                connection.close();
                throw failed;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not take the commit lock", failed);
        }
    }

    /**
     * Waits until one of Guestlist's backends on this database matches {@code condition} (an SQL
     * condition on {@code pg_stat_activity}, such as {@link #COMMIT_HELD}); its PID.
     */
    public int await(String condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long pid = Sql.number(
                    database,
                    "SELECT coalesce(min(pid), 0) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND application_name = ? AND pid <> pg_backend_pid() AND (" + condition + ")",
                    APPLICATION);
            if (pid != 0) {
                return Math.toIntExact(pid);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no backend of Guestlist's where " + condition + " within " + patience);
            }
            Thread.sleep(10);
        }
    }

    /** Ends the backend {@code pid} ({@code pg_terminate_backend}) and waits until it has ended. */
    public void terminate(int pid) {
        long ended = Sql.number(database, "SELECT CASE WHEN pg_terminate_backend(?, 10000) THEN 1 ELSE 0 END", pid);
        if (ended != 1) {
            throw new AssertionError("backend " + pid + " was not there to end");
        }
    }

    /** Ends every connection of Guestlist's on this database, idle or busy; how many there were. */
    public int terminateAll() {
        // the backends first (MATERIALIZED: the condition must not meet pg_terminate_backend in one
        // WHERE, whose terms PostgreSQL may evaluate in any order, on every backend there is)
        return Math.toIntExact(Sql.number(database, """
                WITH guestlist AS MATERIALIZED (
                    SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid())
                SELECT count(*) FROM guestlist WHERE pg_terminate_backend(pid, 10000)""", APPLICATION));
    }

    private void execute(String sql) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not run " + sql, failed);
        }
    }

    private static void query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet ignored = statement.executeQuery(sql)) {
            // its answer is not needed
        }
    }

    /** The advisory lock that held COMMITs wait for, on a connection of its own; closing releases it. */
    public static final class CommitHold implements AutoCloseable {

        private final Connection connection;

        private CommitHold(Connection connection) {
            this.connection = connection;
        }

        /** Lets the held COMMITs go on. */
        @Override
        public void close() {
            try (connection) {
                query(connection, "SELECT pg_advisory_unlock(" + COMMIT_LOCK + ")");
            } catch (SQLException failed) {
                throw new IllegalStateException("could not release the commit lock", failed);
            }
        }
    }
}
