package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.application.port.out.Unavailable;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
