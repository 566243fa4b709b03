package guestlist.adapters.postgres;

import guestlist.application.port.out.Unavailable;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Rate-limit budgets on PostgreSQL, shared by every process on the database: Bucket4j's PostgreSQL
 * backend in its select-for-update variant, on the unlogged table {@code rate_limit_bucket}
 * (migration V9).
 *
 * <p>A budget is named by a key (a limit and a client, e.g. {@code validity|203.0.113.7}) and its
 * capacity together, so that a changed limit starts afresh. It holds {@code capacity} requests per
 * window (one minute): the window opens with the budget's first request, and when it ends the
 * budget is full again (Bucket4j's bucket of that capacity, refilled intervally, in full, once per
 * window). Each {@link #take} is one database transaction that locks the budget's row ({@code
 * SELECT ... FOR UPDATE}), so concurrent takes of every process on the database queue for it and
 * none is counted twice or lost: {@code SELECT ... FOR UPDATE}, {@code UPDATE}, {@code COMMIT} when
 * something was taken; {@code SELECT ... FOR UPDATE}, {@code COMMIT} when nothing was (the budget is
 * not written). A budget's first take costs more (Bucket4j inserts the row in a transaction of its
 * own, then finds it uninitialized, then initializes it: three transactions).
 *
 * <p>A row whose budget is full again is worth nothing; {@link #sweepExpired} deletes those.
 * Bucket4j reads the time from this process's clock: the processes' clocks should agree (NTP).
 */
public final class PostgresRateLimitBuckets {

    /** The window of a budget. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    static final String TABLE = "rate_limit_bucket";

    /** Rows a sweep deletes per statement. */
    static final int SWEEP_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Duration window;

    /** Budgets of {@link #WINDOW} on {@code dataSource} (a migrated database), with the system clock. */
    public PostgresRateLimitBuckets(DataSource dataSource) {
        this(dataSource, WINDOW, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** For tests: another window, another clock. */
    PostgresRateLimitBuckets(DataSource dataSource, Duration window, TimeMeter clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(
                        new AnswerTimeoutDataSource(dataSource, PostgresPersistence.ANSWER_TIMEOUT))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .clientClock(clock)
                .build();
    }

    /**
     * Takes up to {@code wanted} requests from the budget of {@code key} that holds {@code capacity}
     * per window: as many as are left, at most {@code wanted}. Blocks for one transaction.
     *
     * @return how many were taken (0 when the budget is spent) and how long until its window ends
     *     (then the budget is full again; when none were taken, how long the client must wait)
     * @throws Unavailable when the database cannot be reached
     */
    public Taken take(String key, int capacity, int wanted) {
        Objects.requireNonNull(key, "key");
        if (capacity < 1 || wanted < 1) {
            throw new IllegalArgumentException("capacity and wanted must be positive");
        }
        String id = capacity + "|" + key;
        try {
            VerboseResult<Long> result = buckets.builder()
                    .build(id, () -> configuration(capacity))
                    .asVerbose()
                    .tryConsumeAsMuchAsPossible(wanted);
            return new Taken(
                    Math.toIntExact(result.getValue()),
                    Duration.ofNanos(result.getDiagnostics().calculateFullRefillingTime()));
        } catch (RuntimeException failure) {
            throw unreachableAsUnavailable(failure);
        }
    }

    /**
     * Deletes the rows of budgets that are full again, in batches of {@value #SWEEP_BATCH}, each
     * taken with {@code FOR UPDATE SKIP LOCKED}: several processes may sweep at once, and a budget
     * locked by a take is left for the next sweep.
     *
     * @return how many rows it deleted
     * @throws Unavailable when the database cannot be reached
     */
    public int sweepExpired() {
        try {
            int total = 0;
            int deleted;
            do {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                deleted = buckets.removeExpired(SWEEP_BATCH);
                total += deleted;
            } while (deleted == SWEEP_BATCH);
            return total;
        } catch (RuntimeException failure) {
            throw unreachableAsUnavailable(failure);
        }
    }

    private BucketConfiguration configuration(int capacity) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, window))
                .build();
    }

    private static RuntimeException unreachableAsUnavailable(RuntimeException failure) {
        if (PostgresTransactions.meansUnreachable(failure)) {
            return new Unavailable("the database cannot be reached", failure);
        }
        return failure;
    }

    /**
     * What a {@link #take} took.
     *
     * @param count       how many requests were taken, 0 when the budget is spent
     * @param untilRefill how long until the budget's window ends and it is full again
     */
    public record Taken(int count, Duration untilRefill) {

        public Taken {
            Objects.requireNonNull(untilRefill, "untilRefill");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }
}
