package guestlist.adapters.rest.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The adapter tests' {@link RateLimitStore}: the store's contract (a budget of {@code perMinute}
 * per one-minute window that opens with its first request) in one process's memory, with a clock the
 * test may move, and a log of what it was asked. The shared PostgreSQL store that production uses is
 * tested against the same contract in adapters-postgres ({@code PostgresRateLimitBucketsTest}).
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private static final long WINDOW = Duration.ofMinutes(1).toNanos();

    private final LongSupplier nanoTime;
    private final Map<String, long[]> windows = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    public InMemoryRateLimitStore() {
        this(System::nanoTime);
    }

    public InMemoryRateLimitStore(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized Grant take(String key, int perMinute, int wanted) {
        asked.add(key + " " + wanted);
        long now = nanoTime.getAsLong();
        String budget = perMinute + "|" + key;
        long[] window = windows.get(budget); // {start, left}
        if (window == null || now - window[0] >= WINDOW) {
            window = new long[] {now, perMinute};
            windows.put(budget, window);
        }
        int taken = (int) Math.min(wanted, window[1]);
        window[1] -= taken;
        return new Grant(taken, Duration.ofNanos(window[0] + WINDOW - now));
    }

    /** What it was asked, in order: the key and how many were wanted, e.g. {@code auth|127.0.0.1 1}. */
    public synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    public synchronized void forgetAsked() {
        asked.clear();
    }
}
