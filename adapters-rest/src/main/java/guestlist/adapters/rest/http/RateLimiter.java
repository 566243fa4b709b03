package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.RequestError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A per-process, per-client limit of requests per minute, as fixed windows: a client's window
 * opens at its first request and lasts one minute; within it, at most {@code perMinute} requests
 * pass. Memory is bounded: windows that have ended are dropped (swept at most once per window
 * length), and at most {@code maxClients} clients are tracked at once; while that many are
 * tracked, a client not yet tracked is refused (fail closed) until the sweep makes room.
 *
 * <p>IPv6 clients are counted per /64 network, since one host usually holds a whole /64.
 */
public final class RateLimiter {

    static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long lastSweep;

    /** @param perMinute requests each client may make per minute; 0 turns the limit off */
    public RateLimiter(int perMinute, int maxClients) {
        this(perMinute, maxClients, System::nanoTime);
    }

    RateLimiter(int perMinute, int maxClients, LongSupplier nanoTime) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("perMinute must not be negative");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive");
        }
        this.perMinute = perMinute;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /**
     * {@code next} behind this limit: a request over it is answered {@code 429 too_many_requests}
     * with a {@code Retry-After}, from the I/O thread, so that a flood takes no worker thread.
     */
    public HttpHandler guarding(HttpHandler next) {
        return exchange -> {
            OptionalLong wait = acquire(clientAddress(exchange));
            if (wait.isEmpty()) {
                next.handleRequest(exchange);
                return;
            }
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(wait.getAsLong()));
            ErrorResponses.send(
                    exchange,
                    ErrorTable.of(RequestError.TOO_MANY_REQUESTS),
                    "too many requests from your address; try again in " + wait.getAsLong() + " seconds");
        };
    }

    private static InetAddress clientAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? InetAddress.getLoopbackAddress() : source.getAddress();
    }

    /** @return empty when the request may pass, else how many seconds the client should wait */
    public OptionalLong acquire(InetAddress client) {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        String key = keyOf(client);
        if (!windows.containsKey(key) && windows.size() >= maxClients) {
            sweep(now);
            if (windows.size() >= maxClients) {
                return OptionalLong.of(secondsUntil(WINDOW_NANOS));
            }
        }
        Window window = windows.compute(
                key,
                (ignored, current) -> current == null || current.endedAt(now) ? new Window(now, 1) : current.plusOne());
        if (window.count <= perMinute) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(secondsUntil(window.start + WINDOW_NANOS - now));
    }

    /** How many clients are tracked now (for tests of the memory bound). */
    int trackedClients() {
        return windows.size();
    }

    private void sweepIfDue(long now) {
        if (now - lastSweep >= WINDOW_NANOS) {
            sweep(now);
        }
    }

    private void sweep(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            windows.values().removeIf(window -> window.endedAt(now));
            lastSweep = now;
        } finally {
            sweeping.unlock();
        }
    }

    private static long secondsUntil(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return Math.max(1, seconds);
    }

    static String keyOf(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix.toString();
        }
        return client.getHostAddress();
    }

    private record Window(long start, int count) {

        boolean endedAt(long now) {
            return now - start >= WINDOW_NANOS;
        }

        Window plusOne() {
            return new Window(start, count == Integer.MAX_VALUE ? count : count + 1);
        }
    }
}
