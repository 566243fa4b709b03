package guestlist.adapters.rest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The adapter's fixed limits. Production uses {@link #DEFAULTS}; tests may shorten the timeouts.
 *
 * @param maxBodyBytes          the largest request body accepted (SPEC §5: 64 KiB)
 * @param bodyReadTimeout       how long a client may take to send its whole body before the
 *                              connection is closed (a slow body must not hold a connection for long)
 * @param shutdownGrace         how long {@code stop()} waits for requests in flight
 * @param maxRateLimitedClients how many client addresses each rate limiter tracks at most
 * @param requestParseTimeout   how long a client may take to send its request line and headers,
 *                              counted from their first byte, before the connection is closed
 * @param idleTimeout           how long a connection may stay open without a request (and without
 *                              any byte read or written) before it is closed
 */
public record Limits(
        int maxBodyBytes,
        Duration bodyReadTimeout,
        Duration shutdownGrace,
        int maxRateLimitedClients,
        Duration requestParseTimeout,
        Duration idleTimeout) {

    public static final Duration DEFAULT_REQUEST_PARSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public static final Limits DEFAULTS =
            new Limits(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(10), 100_000);

    public Limits {
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(requestParseTimeout, "requestParseTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxBodyBytes < 1
                || !positive(bodyReadTimeout)
                || shutdownGrace.isNegative()
                || maxRateLimitedClients < 1
                || !positive(requestParseTimeout)
                || !positive(idleTimeout)
                || requestParseTimeout.toMillis() > Integer.MAX_VALUE
                || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Limits with the default request parse (10 s) and idle (60 s) timeouts. */
    public Limits(int maxBodyBytes, Duration bodyReadTimeout, Duration shutdownGrace, int maxRateLimitedClients) {
        this(
                maxBodyBytes,
                bodyReadTimeout,
                shutdownGrace,
                maxRateLimitedClients,
                DEFAULT_REQUEST_PARSE_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
