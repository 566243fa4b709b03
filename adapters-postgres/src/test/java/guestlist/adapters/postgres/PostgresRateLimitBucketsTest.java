package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.application.port.out.Unavailable;
import guestlist.testsupport.Ports;
import io.github.bucket4j.TimeMeter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The shared rate-limit budgets on the real PostgreSQL: a window's capacity, exactly, however many
 * threads of however many "processes" (pools of their own) take at once; the wait until the window
 * ends; the sweep of budgets that are full again; what one take costs in statements.
 */
class PostgresRateLimitBucketsTest {

    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final AtomicLong millis = new AtomicLong(1_000_000_000_000L);
    private final TimeMeter testClock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return millis.get() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };

    @BeforeEach
    void emptyTheTable() {
        sql.sql("TRUNCATE rate_limit_bucket").update();
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    /** A pool of its own, as another server process would have. */
    private HikariDataSource pool(int size) {
        HikariDataSource pool =
                new PoolSettings(TestDatabase.jdbcUrl(), TestDatabase.USER, null, size, Duration.ofSeconds(30)).open();
        pools.add(pool);
        return pool;
    }

    private PostgresRateLimitBuckets onTestClock() {
        return new PostgresRateLimitBuckets(TestDatabase.dataSource(), PostgresRateLimitBuckets.WINDOW, testClock);
    }

    private void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    private long rows() {
        return sql.sql("SELECT count(*) FROM rate_limit_bucket")
                .query(Long.class)
                .single();
    }

    @Test
    void aBudgetGivesItsCapacityPerWindowThenNothingUntilTheWindowEnds() {
        PostgresRateLimitBuckets buckets = onTestClock();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("validity|192.0.2.1", 3, 1).count()).isEqualTo(1);
            advance(Duration.ofSeconds(10));
        }

        PostgresRateLimitBuckets.Taken spent = buckets.take("validity|192.0.2.1", 3, 1);

        assertThat(spent.count()).isZero();
        assertThat(spent.untilRefill()).as("the window opened 30 s ago").isEqualTo(Duration.ofSeconds(30));
        advance(Duration.ofSeconds(29));
        assertThat(buckets.take("validity|192.0.2.1", 3, 1).count()).isZero();
        advance(Duration.ofSeconds(1));
        PostgresRateLimitBuckets.Taken refilled = buckets.take("validity|192.0.2.1", 3, 1);
        assertThat(refilled.count()).as("a new window").isEqualTo(1);
        assertThat(refilled.untilRefill()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void takingManyTakesWhatIsLeftAndTellsWhenTheWindowEnds() {
        PostgresRateLimitBuckets buckets = onTestClock();
        assertThat(buckets.take("k", 10, 4)).isEqualTo(new PostgresRateLimitBuckets.Taken(4, Duration.ofMinutes(1)));
        advance(Duration.ofSeconds(15));
        assertThat(buckets.take("k", 10, 4)).isEqualTo(new PostgresRateLimitBuckets.Taken(4, Duration.ofSeconds(45)));
        assertThat(buckets.take("k", 10, 4)).isEqualTo(new PostgresRateLimitBuckets.Taken(2, Duration.ofSeconds(45)));
        assertThat(buckets.take("k", 10, 4)).isEqualTo(new PostgresRateLimitBuckets.Taken(0, Duration.ofSeconds(45)));
    }

    @Test
    void budgetsAreApartByKeyAndByCapacity() {
        PostgresRateLimitBuckets buckets = onTestClock();
        assertThat(buckets.take("auth|192.0.2.1", 1, 1).count()).isEqualTo(1);
        assertThat(buckets.take("auth|192.0.2.1", 1, 1).count()).isZero();

        assertThat(buckets.take("auth|192.0.2.2", 1, 1).count())
                .as("another client")
                .isEqualTo(1);
        assertThat(buckets.take("validity|192.0.2.1", 1, 1).count())
                .as("another limit")
                .isEqualTo(1);
        assertThat(buckets.take("auth|192.0.2.1", 2, 1).count())
                .as("the limit changed: a budget of its own")
                .isEqualTo(1);
    }

    @Test
    void concurrentTakesOfTwoProcessesAdmitExactlyTheCapacity() throws Exception {
        PostgresRateLimitBuckets process = new PostgresRateLimitBuckets(pool(10));
        PostgresRateLimitBuckets otherProcess = new PostgresRateLimitBuckets(pool(10));
        for (int round = 0; round < 3; round++) {
            String key = "auth|203.0.113." + round;
            List<Integer> taken = new CopyOnWriteArrayList<>();

            var outcomes = Race.run(40, i -> (Callable<?>) () -> taken.add(
                    (i % 2 == 0 ? process : otherProcess).take(key, 12, 1).count()));

            assertThat(outcomes).containsOnly(entry(Race.WON, 40L));
            assertThat(taken)
                    .as("round %d: 40 takes at once, from two pools, of a budget of 12", round)
                    .hasSize(40)
                    .containsOnly(0, 1)
                    .filteredOn(count -> count == 1)
                    .hasSize(12);
        }
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void concurrentFirstTakesOfManyAtOnceAdmitExactlyTheCapacity() throws Exception {
        PostgresRateLimitBuckets process = new PostgresRateLimitBuckets(pool(10));
        PostgresRateLimitBuckets otherProcess = new PostgresRateLimitBuckets(pool(10));
        List<Integer> taken = new CopyOnWriteArrayList<>();

        var outcomes = Race.run(20, i -> (Callable<?>) () -> {
            taken.add((i % 2 == 0 ? process : otherProcess)
                    .take("validity|198.51.100.7", 50, 7)
                    .count());
            return null;
        });

        assertThat(outcomes).containsOnly(entry(Race.WON, 20L));
        assertThat(taken.stream().mapToInt(Integer::intValue).sum())
                .as("20 takes of up to 7 from a budget of 50: %s", taken)
                .isEqualTo(50);
        assertThat(taken).allSatisfy(count -> assertThat(count).isBetween(0, 7));
    }

    @Test
    void theSweepDeletesTheBudgetsThatAreFullAgainAndKeepsTheOthers() throws Exception {
        // long enough for the budgets to be written before any is full again, on a loaded machine too
        Duration shortWindow = Duration.ofSeconds(10);
        long start = System.nanoTime();
        PostgresRateLimitBuckets short1 =
                new PostgresRateLimitBuckets(TestDatabase.dataSource(), shortWindow, TimeMeter.SYSTEM_MILLISECONDS);
        PostgresRateLimitBuckets minute = new PostgresRateLimitBuckets(TestDatabase.dataSource());
        int expiring = 2 * PostgresRateLimitBuckets.SWEEP_BATCH + 500;
        for (int i = 0; i < expiring; i++) {
            short1.take("short|" + i, 5, 1);
        }
        for (int i = 0; i < 20; i++) {
            minute.take("minute|" + i, 5, 1);
        }
        long created = System.nanoTime();
        assertThat(rows()).isEqualTo(expiring + 20);
        assertThat(created - start).isLessThan(shortWindow.toNanos());
        assertThat(minute.sweepExpired()).as("nothing has expired yet").isZero();

        Thread.sleep(Math.max(0, shortWindow.toMillis() + 100 - (System.nanoTime() - created) / 1_000_000));
        int swept = minute.sweepExpired();

        assertThat(swept).isEqualTo(expiring);
        assertThat(rows()).isEqualTo(20);
        assertThat(sql.sql("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE '%minute|%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(20);
        assertThat(minute.take("minute|0", 5, 1).count())
                .as("a kept budget still counts: 2 of 5")
                .isEqualTo(1);
        assertThat(short1.take("short|0", 5, 5).count())
                .as("a swept budget starts afresh")
                .isEqualTo(5);
    }

    @Test
    void sweepsInTwoProcessesAtOnceDeleteEachExpiredBudgetOnce() throws Exception {
        Duration shortWindow = Duration.ofMillis(200);
        PostgresRateLimitBuckets filler =
                new PostgresRateLimitBuckets(TestDatabase.dataSource(), shortWindow, TimeMeter.SYSTEM_MILLISECONDS);
        int expiring = 3 * PostgresRateLimitBuckets.SWEEP_BATCH;
        sql.sql("INSERT INTO rate_limit_bucket (id, state, expires_at) "
                        + "SELECT 'expired|' || g, NULL, 1 FROM generate_series(1, :n) g")
                .param("n", expiring)
                .update();
        filler.take("fresh", 5, 1);
        List<PostgresRateLimitBuckets> processes =
                List.of(new PostgresRateLimitBuckets(pool(2)), new PostgresRateLimitBuckets(pool(2)));
        List<Integer> deleted = new CopyOnWriteArrayList<>();

        var outcomes = Race.run(
                2, i -> (Callable<?>) () -> deleted.add(processes.get(i).sweepExpired()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 2L));
        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(expiring);
        assertThat(rows()).as("the fresh budget is kept").isEqualTo(1);
    }

    /**
     * What the REST adapter's refusals and admissions cost the database: a take that finds the
     * budget spent is one transaction of one statement (the row's lock and read) and its commit, and
     * writes nothing; one that takes is the same and one UPDATE.
     */
    @Test
    void aRefusedTakeIsOneLockingReadAndACommitAndWritesNothing() {
        StatementLog log = new StatementLog(TestDatabase.dataSource());
        PostgresRateLimitBuckets buckets =
                new PostgresRateLimitBuckets(log, PostgresRateLimitBuckets.WINDOW, TimeMeter.SYSTEM_MILLISECONDS);
        buckets.take("auth|192.0.2.9", 2, 1);

        log.clear();
        buckets.take("auth|192.0.2.9", 2, 1);
        List<String> admitted = log.calls();
        log.clear();
        PostgresRateLimitBuckets.Taken refused = buckets.take("auth|192.0.2.9", 2, 1);
        List<String> refusal = log.calls();

        assertThat(refused.count()).isZero();
        assertThat(admitted)
                .containsExactly(
                        "connection",
                        "SELECT state as state FROM rate_limit_bucket WHERE id = ? FOR UPDATE",
                        "UPDATE rate_limit_bucket SET state=?,expires_at=? WHERE id=?",
                        "commit");
        assertThat(refusal)
                .containsExactly(
                        "connection", "SELECT state as state FROM rate_limit_bucket WHERE id = ? FOR UPDATE", "commit");
    }

    /** Numbers for the README: how long takes on this machine's PostgreSQL take, one after another. */
    @Test
    void measuresWhatATakeCosts() {
        PostgresRateLimitBuckets buckets = new PostgresRateLimitBuckets(TestDatabase.dataSource());
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            buckets.take("warm|" + i, 1, 1);
        }
        long first = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(buckets.take("first|" + i, 1, 1).count()).isEqualTo(1);
        }
        long refusedStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(buckets.take("first|" + i, 1, 1).count()).isZero();
        }
        long admittedStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(buckets.take("many|" + (i % 10), 1_000_000, 1).count()).isEqualTo(1);
        }
        long end = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "rate-limit budgets, one thread, %d takes each: first take of a budget %.3f ms, "
                        + "take of a spent budget %.3f ms, take of a budget with room %.3f ms%n",
                n,
                (refusedStart - first) / 1e6 / n,
                (admittedStart - refusedStart) / 1e6 / n,
                (end - admittedStart) / 1e6 / n);
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() {
        HikariDataSource nowhere = new PoolSettings(
                        "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/postgres",
                        "postgres",
                        null,
                        1,
                        Duration.ofMillis(500))
                .open();
        pools.add(nowhere);
        PostgresRateLimitBuckets buckets = new PostgresRateLimitBuckets(nowhere);

        assertThatThrownBy(() -> buckets.take("k", 1, 1)).isInstanceOf(Unavailable.class);
        assertThatThrownBy(buckets::sweepExpired).isInstanceOf(Unavailable.class);
    }

    @Test
    void refusesNonsense() {
        PostgresRateLimitBuckets buckets = onTestClock();
        assertThatThrownBy(() -> buckets.take("k", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buckets.take("k", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A data source that logs what its connections are asked: getting one, each statement's SQL, commit and rollback. */
    private static final class StatementLog extends DelegatingDataSource {

        private final List<String> calls = new CopyOnWriteArrayList<>();

        StatementLog(DataSource target) {
            super(target);
        }

        List<String> calls() {
            return List.copyOf(calls);
        }

        void clear() {
            calls.clear();
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            Connection real = super.getConnection();
            calls.add("connection");
            InvocationHandler logging = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "prepareStatement" ->
                        calls.add(((String) args[0]).strip().replaceAll("\\s+", " "));
                    case "commit", "rollback" -> calls.add(method.getName());
                    default -> {}
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException failed) {
                    throw failed.getCause();
                }
            };
            return (Connection)
                    Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, logging);
        }
    }
}
