package guestlist.adapters.rest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the rate limits are counted: budgets that every server process on the same store shares
 * (SPEC §4, §5). Bootstrap wires the PostgreSQL one; the REST adapter's {@link RateLimiter} calls
 * it when it cannot decide from what it remembers itself.
 *
 * <p>A budget is named by a key and holds {@code perMinute} requests per window of one minute that
 * opens with its first request; when the window ends the budget is full again. A budget of another
 * {@code perMinute} under the same key is another budget.
 */
public interface RateLimitStore {

    /**
     * Takes up to {@code wanted} requests from the budget of {@code key}: as many as are left, at
     * most {@code wanted}. Blocks (it may ask a database); never called on an I/O thread.
     *
     * @param perMinute the budget's size, at least 1
     * @param wanted    at least 1
     * @throws RuntimeException when the store cannot be asked ({@code Unavailable} when it cannot be
     *     reached: answered {@code 503 service_unavailable})
     */
    Grant take(String key, int perMinute, int wanted);

    /**
     * What a {@link #take} took.
     *
     * @param taken       how many requests, 0 when the budget is spent
     * @param untilRefill how long until the budget's window ends and it is full again: when nothing
     *                    was taken, how long the client must wait
     */
    record Grant(int taken, Duration untilRefill) {

        public Grant {
            Objects.requireNonNull(untilRefill, "untilRefill");
            if (taken < 0 || untilRefill.isNegative()) {
                throw new IllegalArgumentException("a grant takes nothing negative");
            }
        }
    }
}
