package guestlist.bench.system;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * A flood of log-ins as an attacker or a crowd behind one proxy sends it: {@code clients}
 * connections (kept alive, {@link KeepAliveConnection}), each sending the next log-in the moment the
 * last is answered, whatever the answer ({@code Retry-After} is not honoured). It counts, between
 * {@link #openWindow()} and {@link #closeWindow()}, the answers that arrived: {@code 200},
 * {@code 503 service_unavailable} with and without {@code Retry-After}, and anything else (another
 * status, a broken connection, no answer within 30 s), and the latencies of the {@code 200}s.
 */
public final class Flood implements AutoCloseable {

    private static final int OK = 0;
    private static final int BUSY = 1;
    private static final int BUSY_WITHOUT_RETRY_AFTER = 2;
    private static final int OTHER = 3;

    /** What the window saw. */
    public record Window(
            double seconds,
            long ok,
            long busy,
            long busyWithoutRetryAfter,
            long other,
            double okP50Ms,
            double okP99Ms) {

        public double okPerSecond() {
            return seconds <= 0 ? 0 : ok / seconds;
        }
    }

    /** How long a client waits for an answer before it counts the log-in as failed. */
    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLongArray counts = new AtomicLongArray(4);
    private final List<long[]> okLatencies = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean counting;
    private long windowStart;

    private Flood() {}

    /**
     * Starts the flood.
     *
     * @param body the log-in body of the {@code i}th request of a client (e.g. a random seeded account)
     */
    public static Flood start(String url, int clients, IntFunction<String> body) {
        Flood flood = new Flood();
        URI uri = URI.create(url);
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> flood.loop(uri, body), "flood-" + c);
            thread.setDaemon(true);
            flood.threads.add(thread);
        }
        flood.threads.forEach(Thread::start);
        return flood;
    }

    private void loop(URI uri, IntFunction<String> body) {
        long[] mine = new long[256];
        int n = 0;
        int i = 0;
        try (KeepAliveConnection connection = new KeepAliveConnection(uri, ANSWER_TIMEOUT_MILLIS)) {
            while (!stopping) {
                String json = body.apply(i++);
                long start = System.nanoTime();
                int outcome;
                sent.incrementAndGet();
                try {
                    KeepAliveConnection.Answer answer = connection.post(json);
                    if (answer.status() == 200) {
                        outcome = OK;
                    } else if (answer.status() == 503) {
                        outcome = answer.retryAfter() ? BUSY : BUSY_WITHOUT_RETRY_AFTER;
                    } else {
                        outcome = OTHER;
                    }
                } catch (IOException failed) {
                    outcome = OTHER;
                }
                if (counting) {
                    counts.incrementAndGet(outcome);
                    if (outcome == OK) {
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - start;
                    }
                }
            }
        }
        synchronized (okLatencies) {
            okLatencies.add(Arrays.copyOf(mine, n));
        }
    }

    /** Log-ins sent so far, counted or not. */
    public long sent() {
        return sent.get();
    }

    /** From now on, answers are counted. */
    public void openWindow() {
        windowStart = System.nanoTime();
        counting = true;
    }

    /** Stops counting and answers what the window saw. */
    public Window closeWindow() {
        counting = false;
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        return new Window(
                seconds,
                counts.get(OK),
                counts.get(BUSY),
                counts.get(BUSY_WITHOUT_RETRY_AFTER),
                counts.get(OTHER),
                Double.NaN,
                Double.NaN);
    }

    /**
     * Stops the clients, each after its log-in in flight is answered, and answers the window's
     * figures with the latencies of its {@code 200}s.
     */
    public Window stop(Window window) throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        long[] all;
        synchronized (okLatencies) {
            all = okLatencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        return new Window(
                window.seconds(),
                window.ok(),
                window.busy(),
                window.busyWithoutRetryAfter(),
                window.other(),
                Load.percentile(all, 50) / 1e6,
                Load.percentile(all, 99) / 1e6);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopping) {
            stop(closeWindow());
        }
    }
}
