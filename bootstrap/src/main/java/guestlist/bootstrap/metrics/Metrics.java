package guestlist.bootstrap.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.RequestObserver;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.bootstrap.crypto.BoundedPasswordHasher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * The meters of this process in one Prometheus registry, served on the management port ({@link
 * ManagementServer}). The JVM's binders are bound here; the pool's, the password hasher's and
 * Guestlist's own meters are bound by the wiring through the methods below. Names and labels are
 * listed in the README ("Metrics"); the hexagon knows none of them: they count at the edges, as
 * observers of the REST adapter and decorators of the use cases.
 */
public final class Metrics implements AutoCloseable {

    /** What {@link #scrape()} is: Prometheus' text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The sweeps, by the {@code kind} label they are counted under. */
    public static final List<String> SWEEP_KINDS = List.of("invites", "sessions", "rate_limit_budgets");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        for (String kind : SWEEP_KINDS) {
            sweepTimer(kind, "ok");
            sweepTimer(kind, "failed");
            sweepRows(kind);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in Prometheus' text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** HTTP requests by route, method and status, and error answers by code: an observer of the REST server. */
    public RequestObserver httpRequests() {
        return new HttpMetrics(registry);
    }

    /**
     * {@code register}, counting registrations by mode and outcome and the invite uses they took
     * ({@link MeteredRegistration}); {@code site} names the mode of one that was refused.
     */
    public RegisterUseCase countingRegistrations(RegisterUseCase register, GetSiteUseCase site) {
        return new MeteredRegistration(register, site, registry);
    }

    /**
     * {@code sweep}, timed and its rows counted under {@code kind} (one of {@link #SWEEP_KINDS}):
     * {@code guestlist_sweeps_seconds{kind, outcome}} and {@code guestlist_sweep_rows_total{kind}}.
     */
    public IntSupplier timedSweep(String kind, IntSupplier sweep) {
        if (!SWEEP_KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a sweep kind: " + kind);
        }
        Counter rows = sweepRows(kind);
        return () -> {
            long started = System.nanoTime();
            String outcome = "failed";
            try {
                int deleted = sweep.getAsInt();
                rows.increment(deleted);
                outcome = "ok";
                return deleted;
            } finally {
                sweepTimer(kind, outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer sweepTimer(String kind, String outcome) {
        return Timer.builder("guestlist.sweeps")
                .description("Sweeps of expired rows: how many and how long, by what they sweep and how they ended")
                .tags("kind", kind, "outcome", outcome)
                .register(registry);
    }

    private Counter sweepRows(String kind) {
        return Counter.builder("guestlist.sweep.rows")
                .description("Expired rows the sweeps deleted")
                .tag("kind", kind)
                .register(registry);
    }

    /** What the password hasher's queue tells: each hash's wait, and those turned away. */
    public BoundedPasswordHasher.QueueObserver passwordHashQueue() {
        Timer waits = Timer.builder("guestlist.password.hash.wait")
                .description("How long password hashes waited in the queue for a thread")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .register(registry);
        Counter rejected = Counter.builder("guestlist.password.hash.rejected")
                .description("Password hashes turned away because the queue was full (answered 503)")
                .register(registry);
        return new BoundedPasswordHasher.QueueObserver() {
            @Override
            public void started(long nanos) {
                waits.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void rejected() {
                rejected.increment();
            }
        };
    }

    /** The hasher's queue length and hashes running, read at each scrape. */
    public void watchPasswordHashes(BoundedPasswordHasher hasher) {
        Gauge.builder("guestlist.password.hash.queued", hasher, BoundedPasswordHasher::queued)
                .description("Password hashes waiting for a thread")
                .strongReference(true)
                .register(registry);
        Gauge.builder("guestlist.password.hash.running", hasher, BoundedPasswordHasher::running)
                .description("Password hashes running")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The REST server's hash-bound bulkhead (register, log-in, password change), read at each scrape
     * while the server runs: requests running on it, waiting to start, and refused {@code 503}.
     */
    public void watchHashBoundRequests(RestServer server) {
        Gauge.builder("guestlist.hash.bound.requests.running", server, s -> read(s, Bulkhead::running))
                .description("Hash-bound requests (register, log-in, password change) running on their bulkhead")
                .strongReference(true)
                .register(registry);
        Gauge.builder("guestlist.hash.bound.requests.waiting", server, s -> read(s, Bulkhead::waiting))
                .description("Hash-bound requests waiting to start on their bulkhead")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("guestlist.hash.bound.requests.refused", server, s -> {
                    double refused = read(s, Bulkhead::refused);
                    return Double.isNaN(refused) ? 0 : refused;
                })
                .description("Hash-bound requests refused 503 because they could not start within the bound")
                .register(registry);
    }

    /** A figure of the bulkhead while the server runs; NaN (no value) before it starts and after it stops. */
    private static double read(RestServer server, ToDoubleFunction<Bulkhead> figure) {
        try {
            return figure.applyAsDouble(server.hashBoundRequests());
        } catch (IllegalStateException notRunning) {
            return Double.NaN;
        }
    }

    /** HikariCP's own meters of the connection pool ({@code hikaricp_connections...}, label {@code pool}). */
    public void watchPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
