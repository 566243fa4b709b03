package guestlist.bootstrap.metrics;

import guestlist.adapters.rest.http.CompletedRequest;
import guestlist.adapters.rest.http.RequestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts and times the REST server's answers: {@code guestlist_http_requests_seconds} by route,
 * method and status (a histogram with the buckets below), and {@code guestlist_refusals_total} by
 * route and error code. Every label has a bounded set of values, whatever clients send: routes are
 * the API's (or {@code unmatched}), a method the API does not use is {@code other}, statuses are
 * three digits, codes come from the error table.
 */
final class HttpMetrics implements RequestObserver {

    /** Bucket bounds of the latency histogram. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final MeterRegistry registry;
    /** The meters by their labels, so that a request looks one up in a map rather than building it; bounded as the labels are. */
    private final ConcurrentMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

    private final ConcurrentMap<List<String>, Counter> refusals = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(CompletedRequest request) {
        String method = METHODS.contains(request.method()) ? request.method() : "other";
        timers.computeIfAbsent(List.of(request.route(), method, Integer.toString(request.status())), this::timer)
                .record(request.duration());
        request.errorCode()
                .ifPresent(code -> refusals.computeIfAbsent(List.of(request.route(), code), this::refusals)
                        .increment());
    }

    private Timer timer(List<String> routeMethodStatus) {
        return Timer.builder("guestlist.http.requests")
                .description("HTTP requests answered by the API, by route, method and status")
                .tags(
                        "route",
                        routeMethodStatus.get(0),
                        "method",
                        routeMethodStatus.get(1),
                        "status",
                        routeMethodStatus.get(2))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter refusals(List<String> routeAndCode) {
        return Counter.builder("guestlist.refusals")
                .description("Error answers by route and the error code of the answer")
                .tags("route", routeAndCode.get(0), "code", routeAndCode.get(1))
                .register(registry);
    }
}
