package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import guestlist.testsupport.PgBouncer;
import guestlist.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Why the JDBC URL needs {@value PgBouncer#URL_SETTINGS} behind PgBouncer's transaction pooling
 * (README, "Running behind PgBouncer"), on a real PgBouncer with two server connections: pgjdbc
 * turns a statement it has run five times on a connection into a named server-side prepared
 * statement, which lives on the server connection it was prepared on; PgBouncer (1.18, Debian 12's)
 * runs the client's next transaction on whichever server connection is free, where that name is
 * unknown or names another client's statement. Staged without timing:
 * while another client holds one server connection in a transaction, the statement is prepared on
 * the other; then that one is taken and the first freed, so the client's next execution must run
 * where its statement was never prepared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgBouncerUrlSettingsTest {

    private final TestPostgres postgres = TestPostgres.shared();
    private PgBouncer bouncer;

    @BeforeAll
    void startPgBouncer() {
        assertThat(PgBouncer.installed())
                .as("PgBouncer is needed for this test (README, \"Running behind PgBouncer\"): install Debian's"
                        + " package (apt-get install pgbouncer); .ci/run does when it is missing")
                .isTrue();
        bouncer = PgBouncer.start(postgres, 2);
    }

    @AfterAll
    void stopPgBouncer() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void withPgjdbcsDefaultsAStatementPreparedOnOneServerConnectionIsMissingOnTheOther() throws SQLException {
        SQLException failed = catchThrowableOfType(
                SQLException.class, () -> runWhereTheStatementWasNotPrepared(bouncer.bareJdbcUrl()));

        assertThat((Throwable) failed)
                .as("the statement's next run, on the other server connection")
                .isNotNull();
        // "prepared statement "S_1" does not exist", or, as here, a statement S_1 of another client's
        // found in its place (running it when the parameters happen to fit)
        assertThat(failed.getMessage()).contains("prepared statement \"S_");
    }

    @Test
    void withTheUrlSettingTheSameStepsWork() throws SQLException {
        assertThat(runWhereTheStatementWasNotPrepared(bouncer.jdbcUrl())).isEqualTo(42);
    }

    /**
     * Client A runs a statement ten times while client B holds server connection X in a
     * transaction, so A's statement runs, and is prepared if pgjdbc prepares it, on Y. Then client
     * C takes Y in a transaction and B ends its own, freeing X: A's next run can only go to X.
     */
    private static int runWhereTheStatementWasNotPrepared(String url) throws SQLException {
        try (Connection a = connect(url);
                Connection b = connect(url);
                Connection c = connect(url);
                PreparedStatement statement = a.prepareStatement("SELECT 41 + ?")) {
            b.setAutoCommit(false);
            c.setAutoCommit(false);
            int onB = backend(b);
            for (int i = 0; i < 10; i++) {
                assertThat(run(statement)).isEqualTo(42);
            }
            int onC = backend(c);
            assertThat(onC).as("C's server connection is not B's").isNotEqualTo(onB);
            b.commit();
            int answer = run(statement);
            c.commit();
            return answer;
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.USER, "");
    }

    private static int run(PreparedStatement statement) throws SQLException {
        statement.setInt(1, 1);
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    /** The PID of the server connection that runs the connection's transaction now. */
    private static int backend(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }
}
