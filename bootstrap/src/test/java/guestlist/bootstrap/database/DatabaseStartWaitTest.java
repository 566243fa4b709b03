package guestlist.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.bootstrap.StartupFailure;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The wait for the database at start: which answers are waited out and which end it at once, the
 * pauses between tries, and the one line it ends with. On a clock of the test's own, then against
 * real sockets and a real PostgreSQL.
 */
class DatabaseStartWaitTest {

    private static final String ADDRESS = "db.example:5432";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Duration> patiences = new ArrayList<>();
    private final Deque<SQLException> answers = new ArrayDeque<>();

    private DatabaseStartWait waitFor(Duration timeout) {
        return new DatabaseStartWait(
                ADDRESS,
                timeout,
                patience -> {
                    patiences.add(patience);
                    SQLException answer = answers.poll();
                    if (answer != null) {
                        throw answer;
                    }
                },
                now::get,
                pause -> {
                    pauses.add(pause);
                    now.addAndGet(pause.toNanos());
                });
    }

    private static SQLException refused() {
        return new SQLException(
                "Connection to db.example:5432 refused. Check that the hostname and port are correct",
                "08001",
                new ConnectException("Connection refused"));
    }

    private void answer(SQLException failure, int times) {
        for (int i = 0; i < times; i++) {
            answers.add(failure);
        }
    }

    @Test
    void aDatabaseThatAnswersIsNotWaitedFor() {
        waitFor(Duration.ofSeconds(30)).await();

        assertThat(patiences).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aDatabaseThatComesUpDuringTheWaitEndsItWithPausesThatGrowToTwoSeconds() {
        answer(refused(), 6);

        waitFor(Duration.ofSeconds(30)).await();

        assertThat(patiences).hasSize(7);
        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2));
    }

    @Test
    void aDatabaseStartingUpOrWithoutAFreeConnectionIsWaitedForToo() {
        answers.add(new SQLException("FATAL: the database system is starting up", "57P03"));
        answers.add(new SQLException("FATAL: sorry, too many clients already", "53300"));

        waitFor(Duration.ofSeconds(30)).await();

        assertThat(patiences).hasSize(3);
    }

    @Test
    void aDatabaseThatNeverAnswersEndsTheStartAfterTheTimeoutInOneLineNamingHostPortAndCause() {
        answer(refused(), 100);

        assertThatThrownBy(() -> waitFor(Duration.ofSeconds(2)).await())
                .isInstanceOfSatisfying(
                        StartupFailure.class,
                        failure -> assertThat(failure.exitCode()).isEqualTo(StartupFailure.EXIT_DATABASE_UNREACHABLE))
                .hasMessage("GUESTLIST_DATABASE_URL: the database at db.example:5432 could not be reached within PT2S"
                        + " (GUESTLIST_DATABASE_START_TIMEOUT, 5 tries): Connection refused");
        assertThat(pauses)
                .as("the last pause is cut to the time left, and a last try is made at the deadline")
                .containsExactly(
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(250));
    }

    @Test
    void aTimeoutOfZeroTriesOnce() {
        answer(refused(), 1);

        assertThatThrownBy(() -> waitFor(Duration.ZERO).await())
                .hasMessageContaining("within PT0S")
                .hasMessageContaining("1 try)");
        assertThat(pauses).isEmpty();
    }

    @Test
    void eachTryTakesAtLeastASecondAndAtMostTenWithinTheTimeLeft() {
        answer(refused(), 3);

        waitFor(Duration.ofMinutes(5)).await();

        assertThat(patiences.get(0)).isEqualTo(Duration.ofSeconds(10));
        answers.clear();
        patiences.clear();
        answer(refused(), 1);
        waitFor(Duration.ofMillis(300)).await();
        assertThat(patiences).allSatisfy(patience -> assertThat(patience).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aWrongPasswordOrAMissingDatabaseEndsTheStartAtOnce() {
        answers.add(new SQLException("FATAL: password authentication failed for user \"guestlist\"", "28P01"));
        assertThatThrownBy(() -> waitFor(Duration.ofSeconds(30)).await())
                .isInstanceOf(StartupFailure.class)
                .hasMessage("GUESTLIST_DATABASE_URL: the database at db.example:5432 refused the connection: FATAL:"
                        + " password authentication failed for user \"guestlist\" (check GUESTLIST_DATABASE_USER and"
                        + " GUESTLIST_DATABASE_PASSWORD)");

        answers.add(new SQLException("FATAL: database \"nope\" does not exist", "3D000"));
        assertThatThrownBy(() -> waitFor(Duration.ofSeconds(30)).await())
                .hasMessageEndingWith("refused the connection: FATAL: database \"nope\" does not exist");
        assertThat(pauses).isEmpty();
    }

    @Test
    void theCauseIsTheInnermostInOneLine() {
        assertThat(DatabaseStartWait.cause(new SQLException(
                        "The connection attempt failed.", "08001", new UnknownHostException("db.example"))))
                .isEqualTo("UnknownHostException: db.example");
        assertThat(DatabaseStartWait.cause(new SQLException("FATAL: no\n  DETAIL: two lines", "XX000")))
                .isEqualTo("FATAL: no DETAIL: two lines");
    }

    @Test
    void againstAPortNobodyListensOnItRetriesAndEndsWithConnectionRefused() {
        int port = Ports.free();
        long started = System.nanoTime();

        assertThatThrownBy(() -> DatabaseStartWait.await(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null, Duration.ofSeconds(1)))
                .isInstanceOf(StartupFailure.class)
                .hasMessageStartingWith("GUESTLIST_DATABASE_URL: the database at 127.0.0.1:" + port
                        + " could not be reached within PT1S (GUESTLIST_DATABASE_START_TIMEOUT, ")
                .hasMessageEndingWith("tries): Connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void againstARealPostgresqlItReturnsAndAMissingDatabaseIsSaidAtOnce() {
        TestPostgres postgres = TestPostgres.shared();
        DatabaseStartWait.await(postgres.jdbcUrl(), TestPostgres.USER, null, Duration.ofSeconds(5));

        long started = System.nanoTime();
        assertThatThrownBy(() -> DatabaseStartWait.await(
                        "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/no_such_database",
                        TestPostgres.USER,
                        null,
                        Duration.ofSeconds(30)))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("refused the connection: ")
                .hasMessageContaining("no_such_database");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("not waited out")
                .isLessThan(Duration.ofSeconds(10));
    }
}
