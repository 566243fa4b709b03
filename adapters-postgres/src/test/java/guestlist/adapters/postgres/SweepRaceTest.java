package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sweeps of expired invites running at once in several processes delete each invite exactly once. */
class SweepRaceTest {

    private static final int EXPIRED = 5_000;
    private static final int UNEXPIRED = 50;
    private static final int UNLIMITED = 10;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void setUp() {
        TestDatabase.reset();
        long creator = sql.sql("INSERT INTO local_user (name, password_hash) VALUES ('creator', 'x') RETURNING id")
                .query(Long.class)
                .single();
        sql.sql("""
                INSERT INTO local_user_invite (token, local_user_id, expires_at, published_at)
                SELECT lpad('e' || i, 32, '0'), :creator, now() - make_interval(secs => i), now() - interval '1 day'
                  FROM generate_series(1, :expired) AS i""").param("creator", creator).param("expired", EXPIRED).update();
        sql.sql("""
                INSERT INTO local_user_invite (token, local_user_id, expires_at)
                SELECT lpad('u' || i, 32, '0'), :creator, now() + interval '1 day' FROM generate_series(1, :count) AS i""").param("creator", creator).param("count", UNEXPIRED).update();
        sql.sql("""
                INSERT INTO local_user_invite (token, local_user_id)
                SELECT lpad('n' || i, 32, '0'), :creator FROM generate_series(1, :count) AS i""").param("creator", creator).param("count", UNLIMITED).update();
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    private Services process() {
        HikariDataSource pool =
                new PoolSettings(TestDatabase.jdbcUrl(), TestDatabase.USER, null, 2, Duration.ofSeconds(30)).open();
        pools.add(pool);
        return new Services(new PostgresPersistence(pool));
    }

    @Test
    void concurrentSweepsInTwoProcessesDeleteEachExpiredInviteOnce() throws Exception {
        List<Services> processes = List.of(process(), process());
        ConcurrentLinkedQueue<Integer> deleted = new ConcurrentLinkedQueue<>();

        var outcomes = Race.run(2, i -> (Callable<Integer>) () -> {
            int count = processes.get(i).useCases.sweepExpiredInvites().sweepExpiredInvites();
            deleted.add(count);
            return count;
        });

        assertThat(outcomes).containsOnly(entry(Race.WON, 2L));
        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EXPIRED);
        assertThat(sql.sql("SELECT count(*) FROM local_user_invite WHERE expires_at <= now()")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(sql.sql("SELECT count(*) FROM local_user_invite")
                        .query(Long.class)
                        .single())
                .isEqualTo(UNEXPIRED + UNLIMITED);
    }

    /**
     * A registration holding an expired invite locked (it is about to be refused for it) neither
     * holds up the sweep nor is deleted under it: the sweep skips that row and takes the rest.
     */
    @Test
    void sweepSkipsAnInviteAnotherTransactionHoldsLocked() throws Exception {
        InviteToken held = new InviteToken(lpad("e1"));
        PostgresPersistence holder = process().persistence;
        Services sweeper = process();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        CompletableFuture<Optional<Invite>> holding =
                CompletableFuture.supplyAsync(() -> holder.transactions().inTransaction(() -> {
                    Optional<Invite> invite = holder.invites().lockByToken(held);
                    locked.countDown();
                    await(swept);
                    return invite;
                }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        int deleted = CompletableFuture.supplyAsync(sweeper.useCases.sweepExpiredInvites()::sweepExpiredInvites)
                .get(30, TimeUnit.SECONDS);
        swept.countDown();

        assertThat(deleted).isEqualTo(EXPIRED - 1);
        assertThat(holding.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(sweeper.useCases.sweepExpiredInvites().sweepExpiredInvites()).isEqualTo(1);
    }

    private static String lpad(String text) {
        return "0".repeat(32 - text.length()) + text;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sweep did not finish while the invite was locked");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Test
    void concurrentBatchesNeverDeleteTheSameInviteTwice() throws Exception {
        PostgresPersistence persistence = process().persistence;
        PostgresPersistence otherPersistence = process().persistence;
        java.time.Instant now = java.time.Instant.now();
        ConcurrentLinkedQueue<Integer> deleted = new ConcurrentLinkedQueue<>();

        var outcomes = Race.run(4, i -> (Callable<Integer>) () -> {
            PostgresPersistence mine = i % 2 == 0 ? persistence : otherPersistence;
            int count;
            do {
                count = mine.transactions().inTransaction(() -> mine.invites().deleteExpired(now, 700));
                deleted.add(count);
            } while (count > 0);
            return count;
        });

        assertThat(outcomes).containsOnly(entry(Race.WON, 4L));
        assertThat(deleted).allSatisfy(count -> assertThat(count).isBetween(0, 700));
        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EXPIRED);
        assertThat(sql.sql("SELECT count(*) FROM local_user_invite")
                        .query(Long.class)
                        .single())
                .isEqualTo(UNEXPIRED + UNLIMITED);
    }
}
