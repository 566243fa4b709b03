package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.application.port.out.Unavailable;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import io.github.bucket4j.BucketExceptions;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.UncategorizedSQLException;

/** A database that is down gives a quick Unavailable, and the pool recovers when it is back. */
class PostgresAvailabilityTest {

    /** The pool's 2 s wait for a connection, and room for a busy machine. */
    private static final Duration QUICK = Duration.ofSeconds(5);

    private static String urlOnPort(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static void assertServiceUnavailable(PostgresPersistence persistence) {
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> persistence
                .transactions()
                .inTransaction(() -> persistence.sites().get()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown).isInstanceOf(Unavailable.class);
        assertThat(took).isLessThan(QUICK);
    }

    private static void assertUnhealthy(PostgresPersistence persistence) {
        long started = System.nanoTime();
        boolean reachable = persistence.health().reachable();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reachable).isFalse();
        assertThat(took).isLessThan(QUICK);
    }

    @Test
    void theTestDatabaseIsReachable() {
        assertThat(new PostgresPersistence(TestDatabase.dataSource()).health().reachable())
                .isTrue();
    }

    @Test
    void aDatabaseThatIsDownGivesServiceUnavailableQuickly() {
        try (HikariDataSource pool = new PoolSettings(urlOnPort(Ports.free()), "postgres", null, 2).open()) {
            PostgresPersistence persistence = new PostgresPersistence(pool);

            assertServiceUnavailable(persistence);
            assertUnhealthy(persistence);
        }
    }

    @Test
    void aPoolMadeWhileTheDatabaseIsDownWorksOnceItIsUpAndFailsQuicklyWhenItGoesAgain() throws InterruptedException {
        try (TestPostgres server = TestPostgres.notStarted();
                HikariDataSource pool = new PoolSettings(server.jdbcUrl(), TestPostgres.USER, null, 2).open()) {
            PostgresPersistence persistence = new PostgresPersistence(pool);
            assertServiceUnavailable(persistence);

            server.startAgain();
            assertThat(awaitReachable(persistence, Duration.ofSeconds(30))).isTrue();
            Migrations.apply(pool);
            assertThat(persistence
                            .transactions()
                            .inTransaction(() -> persistence.sites().get().name()))
                    .isEqualTo("Guestlist");
            server.stop();

            assertServiceUnavailable(persistence);
            assertUnhealthy(persistence);
        }
    }

    private static boolean awaitReachable(PostgresPersistence persistence, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (persistence.health().reachable()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void connectionFailuresAndServerShutdownsMeanUnreachable() {
        assertThat(PostgresTransactions.meansUnreachable(new RuntimeException(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(PostgresTransactions.meansUnreachable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(PostgresTransactions.meansUnreachable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(PostgresTransactions.meansUnreachable(new IllegalStateException("a bug")))
                .isFalse();
    }

    /**
     * Every way the driver and the pool say that a connection was lost, as they say it (pgjdbc's
     * SQLStates and its wrapped I/O failures, HikariCP's closed connection taken from a real pool),
     * wrapped as Spring and Bucket4j wrap them; and what is no lost connection.
     */
    @Test
    void everyWayOfSayingTheConnectionWasLostMeansUnreachableAndNothingElseDoes() throws SQLException {
        SQLException closedByHikari;
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.close();
            closedByHikari = catchThrowableOfType(SQLException.class, connection::createStatement);
        }
        assertThat((Throwable) closedByHikari)
                .as("HikariCP's closed connection")
                .isNotNull();

        Map<String, Throwable> lost = new LinkedHashMap<>();
        for (String state : List.of(
                "08000", "08001", "08003", "08004", "08006", "08P01", "57P01", "57P02", "57P03", "57P05", "25P03",
                "25P04")) {
            lost.put("SQLState " + state, new SQLException("lost", state));
        }
        lost.put(
                "an answer that did not come",
                new PSQLException(
                        "An I/O error occurred while sending to the backend.",
                        PSQLState.CONNECTION_FAILURE,
                        new SocketTimeoutException("Read timed out")));
        lost.put("an I/O failure without SQLState", new SQLException("lost", new SocketException("Connection reset")));
        lost.put("HikariCP's closed connection", closedByHikari);
        lost.put("the pool's wait for a connection", new SQLTransientConnectionException("timed out", "08001"));
        lost.forEach((name, failure) -> {
            assertThat(PostgresTransactions.meansUnreachable(failure)).as(name).isTrue();
            assertThat(PostgresTransactions.meansUnreachable(
                            new UncategorizedSQLException("task", "SELECT 1", asSql(failure))))
                    .as("%s, as Spring's JdbcTemplate wraps it", name)
                    .isTrue();
            assertThat(PostgresTransactions.meansUnreachable(new BucketExceptions.BucketExecutionException(failure)))
                    .as("%s, as Bucket4j wraps it", name)
                    .isTrue();
        });

        Map<String, Throwable> notLost = new LinkedHashMap<>();
        for (String state : List.of("23505", "23503", "40001", "40P01", "42P01", "55P03", "22001", "25P02")) {
            notLost.put("SQLState " + state, new SQLException("not lost", state));
        }
        notLost.put("no SQLState, another message", new SQLException("something else"));
        notLost.put("a bug", new IllegalStateException("a bug"));
        notLost.forEach((name, failure) -> {
            assertThat(PostgresTransactions.meansUnreachable(failure)).as(name).isFalse();
            assertThat(PostgresTransactions.meansUnreachable(new RuntimeException(failure)))
                    .as("%s, wrapped", name)
                    .isFalse();
        });
    }

    private static SQLException asSql(Throwable failure) {
        return failure instanceof SQLException sql ? sql : new SQLException(failure);
    }
}
