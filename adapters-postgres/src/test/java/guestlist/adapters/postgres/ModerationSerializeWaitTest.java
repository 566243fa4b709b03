package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.Unavailable;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * {@link PostgresModerationRepository#serialize()} waits for the moderation action before it by
 * asking again and again, each question answered at once: on a connection whose every answer must
 * come within 300 ms it waits a whole second for an action that holds the lock that long, and it
 * gives up as {@link Unavailable} once its own bound has passed.
 */
class ModerationSerializeWaitTest {

    private static final Duration ANSWER = Duration.ofMillis(300);

    /** The repository and its transactions on connections that wait at most {@link #ANSWER} for any answer. */
    private record Bounded(PostgresModerationRepository moderation, Transactions transactions) {

        static Bounded waitingAtMost(Duration serializeWait) {
            AnswerTimeoutDataSource bounded = new AnswerTimeoutDataSource(TestDatabase.dataSource(), ANSWER);
            return new Bounded(
                    new PostgresModerationRepository(JdbcClient.create(bounded), serializeWait),
                    new PostgresTransactions(new JdbcTransactionManager(bounded)));
        }
    }

    /** Holds the moderation lock on a connection of its own for {@code held}, then lets go. */
    private static CompletableFuture<Void> holdTheLock(Duration held) throws Exception {
        Connection holder = TestDatabase.dataSource().getConnection();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + PostgresModerationRepository.SERIALIZE_KEY + ")");
        }
        return CompletableFuture.runAsync(() -> {
            try (holder) {
                Thread.sleep(held.toMillis());
                holder.commit();
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        });
    }

    @Test
    void waitsLongerThanTheStoreMayTakeToAnswerOneStatement() throws Exception {
        Bounded bounded = Bounded.waitingAtMost(Duration.ofSeconds(30));
        CompletableFuture<Void> released = holdTheLock(Duration.ofSeconds(1));

        long started = System.nanoTime();
        bounded.transactions().run(() -> bounded.moderation().serialize());
        long waited = System.nanoTime() - started;

        released.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(waited))
                .as("it waited for the holder, over three times the answer timeout")
                .isGreaterThan(ANSWER.multipliedBy(3));
    }

    @Test
    void givesUpAsUnavailableOnceItsBoundHasPassed() throws Exception {
        Bounded bounded = Bounded.waitingAtMost(Duration.ofMillis(500));
        CompletableFuture<Void> released = holdTheLock(Duration.ofSeconds(2));

        assertThatThrownBy(() ->
                        bounded.transactions().run(() -> bounded.moderation().serialize()))
                .isInstanceOf(Unavailable.class)
                .hasMessageContaining("another moderation action");

        released.get(10, TimeUnit.SECONDS);
        bounded.transactions().run(() -> bounded.moderation().serialize());
    }
}
