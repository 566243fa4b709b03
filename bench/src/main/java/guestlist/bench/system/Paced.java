package guestlist.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load of one GET at a fixed rate, as many users browsing would send it: request
 * {@code i} is due at {@code start + i / rate} whatever became of the ones before, and its latency
 * is counted from when it was due, not from when a sender got to it (so a server that stalls is
 * charged for every request that the stall delayed, not for one). A modest rate leaves the machine
 * to what runs beside it (a flood of log-ins), so that the latency measures how that treats other
 * requests, not how this load competes with it.
 */
public final class Paced {

    private static final int SENDERS = 32;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI uri;
    private final String token;
    private final double perSecond;

    /**
     * @param token     the session token of the {@code Authorization: Bearer} header
     * @param perSecond requests due per second
     */
    public Paced(String url, String token, double perSecond) {
        this.uri = URI.create(url);
        this.token = token;
        this.perSecond = perSecond;
    }

    /** What one run saw: every latency (from when each request was due), the errors, the seconds. */
    public static final class Sample {

        private final long[] latencyNanos;
        private final long errors;
        private final double seconds;

        Sample(long[] latencyNanos, long errors, double seconds) {
            this.latencyNanos = latencyNanos.clone();
            this.errors = errors;
            this.seconds = seconds;
        }

        /** This sample and {@code other} together, as if one run. */
        public Sample and(Sample other) {
            long[] both = Arrays.copyOf(latencyNanos, latencyNanos.length + other.latencyNanos.length);
            System.arraycopy(other.latencyNanos, 0, both, latencyNanos.length, other.latencyNanos.length);
            return new Sample(both, errors + other.errors, seconds + other.seconds);
        }

        public Load.Result result() {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            return new Load.Result(
                    sorted.length,
                    seconds,
                    errors,
                    Load.percentile(sorted, 50) / 1e6,
                    Load.percentile(sorted, 99) / 1e6,
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }
    }

    /**
     * Sends {@code seconds * rate} requests at the rate and waits for their answers. An answer that
     * is not 200, or none within 30 s, counts as an error.
     */
    public Sample run(double seconds) throws InterruptedException {
        int n = Math.max(1, (int) Math.round(seconds * perSecond));
        long period = (long) (1e9 / perSecond);
        long[] latencies = new long[n];
        AtomicLong errors = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(n);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long start = System.nanoTime() + period;
        try {
            for (int i = 0; i < n; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                senders.execute(() -> {
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException failed) {
                        errors.incrementAndGet();
                    } catch (InterruptedException interrupted) {
                        errors.incrementAndGet();
                        Thread.currentThread().interrupt();
                    } finally {
                        latencies[index] = System.nanoTime() - due;
                        answered.countDown();
                    }
                });
            }
            if (!answered.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("paced requests still unanswered after 60 s");
            }
        } finally {
            senders.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Sample(latencies, errors.get(), Math.max(elapsed, n / perSecond));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GET %s at %.0f/s", uri.getPath(), perSecond);
    }
}
