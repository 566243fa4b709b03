package guestlist.adapters.rest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The adapter's fixed limits. Production uses {@link #DEFAULTS}; tests may shorten the timeouts.
 *
 * @param maxBodyBytes          the largest request body accepted (SPEC §5: 64 KiB)
 * @param bodyReadTimeout       how long a client may take to send its whole body before the
 *                              connection is closed (a slow body must not hold a worker)
 * @param shutdownGrace         how long {@code stop()} waits for requests in flight
 * @param maxRateLimitedClients how many client addresses each rate limiter tracks at most
 */
public record Limits(int maxBodyBytes, Duration bodyReadTimeout, Duration shutdownGrace, int maxRateLimitedClients) {

    public static final Limits DEFAULTS = new Limits(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(10), 100_000);

    public Limits {
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (maxBodyBytes < 1 || bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()
                || shutdownGrace.isNegative() || maxRateLimitedClients < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
