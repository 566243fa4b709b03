package guestlist.adapters.postgres;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One batch of a sweep: the rows of a table with an {@code expires_at} column that had expired at
 * the sweep's start, or, {@link #deleteBatchUntil}, the rows whose time column is not later than a
 * cutoff.
 */
final class ExpiredRows {

    /**
     * The table ({@code %1$s}), its key column ({@code %2$s}) and its time column ({@code %3$s}) are
     * the callers' constants, never input.
     */
    private static final String DELETE_BATCH = """
            WITH doomed AS (
                SELECT %2$s FROM %1$s
                 WHERE %3$s <= :now
                 LIMIT :batchSize
                   FOR UPDATE SKIP LOCKED
            )
            DELETE FROM %1$s expired USING doomed WHERE expired.%2$s = doomed.%2$s""";

    private ExpiredRows() {}

    /**
     * Deletes at most {@code batchSize} rows of {@code table} expired at {@code now} (expiry not later
     * than now), picked with {@code FOR UPDATE SKIP LOCKED}, so sweeps running at once in several
     * processes never wait for each other nor delete (and count) the same row twice; a row another
     * transaction holds locked is left for the next sweep.
     *
     * @param key the table's primary key column
     * @return how many rows it deleted
     */
    static int deleteBatch(JdbcClient jdbc, String table, String key, Instant now, int batchSize) {
        return deleteBatchUntil(jdbc, table, key, "expires_at", now, batchSize);
    }

    /**
     * Deletes at most {@code batchSize} rows of {@code table} whose {@code timeColumn} is not later
     * than {@code cutoff}, picked as {@link #deleteBatch} picks them.
     *
     * @return how many rows it deleted
     */
    static int deleteBatchUntil(
            JdbcClient jdbc, String table, String key, String timeColumn, Instant cutoff, int batchSize) {
        return jdbc.sql(DELETE_BATCH.formatted(table, key, timeColumn))
                .param("now", Timestamps.parameter(cutoff))
                .param("batchSize", batchSize)
                .update();
    }
}
