package guestlist.bench;

import guestlist.bench.reference.Measurement;
import guestlist.bench.result.Results;
import guestlist.bench.result.Row;
import guestlist.bench.system.Load;
import guestlist.bench.system.Log;
import guestlist.bench.system.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the steps of the plan against the server under test, in order, into {@link Results}.
 * Each load gets a {seq} prefix of its own, so that registrations never collide.
 */
final class Run {

    private final Server.Running server;
    private final Load load;
    private final Results results;
    private final AtomicInteger loads = new AtomicInteger();

    Run(Server.Running server, Load load, Results results) {
        this.server = server;
        this.load = load;
        this.results = results;
    }

    /**
     * Runs {@code steps}. A measured reference that holds a process is stopped as soon as the next
     * step does not use it, and at the end.
     */
    void all(List<Step> steps) throws Exception {
        Set<Measurement> used = new LinkedHashSet<>();
        try {
            Carried carried = null;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step instanceof Action action) {
                    run(action);
                } else if (step instanceof Scenario scenario) {
                    results.scenario(measure(scenario));
                }
                used.addAll(measurements(step));
                carried = step instanceof Comparison comparison ? compare(comparison, carried) : null;
                Set<Measurement> next = i + 1 < steps.size() ? measurements(steps.get(i + 1)) : Set.of();
                for (Measurement measurement : measurements(step)) {
                    if (!next.contains(measurement)) {
                        release(measurement);
                    }
                }
            }
        } finally {
            used.forEach(Run::release);
        }
    }

    private void run(Action action) throws Exception {
        try {
            action.body().run(results);
        } catch (Exception failed) {
            throw new IllegalStateException(action.what() + ": " + failed.getMessage(), failed);
        }
    }

    /** A reference's measurement right after a comparison's scenario. */
    private record Carried(Measurement measurement, Row row) {}

    /**
     * Measures the comparison's scenario and judges it against its reference.
     *
     * @param carried the measurement right after the step before, if that was a comparison
     * @return the reference's measurement right after, which serves as the next comparison's
     *         before if it uses the same reference; null if none
     */
    private Carried compare(Comparison comparison, Carried carried) throws Exception {
        Scenario scenario = comparison.scenario();
        if (comparison.reference() instanceof Reference.Earlier earlier) {
            Row row = measure(scenario);
            Row reference = results.scenario(earlier.scenario())
                    .orElseThrow(() -> new IllegalStateException(
                            "no scenario '" + earlier.scenario() + "' before '" + scenario.name() + "'"));
            double value = earlier.metric().of(reference);
            results.scenario(row.judged(
                    earlier.label(),
                    earlier.metric().format(value),
                    earlier.metric().of(row) / value,
                    comparison.target()));
            return null;
        }
        Reference.Measured measured = (Reference.Measured) comparison.reference();
        Measurement measurement = measured.measurement();
        if (!measurement.available()) {
            results.scenario(measure(scenario).withoutReference(measured.label() + ": n/a"));
            return null;
        }
        Reference.Measured noted = comparison.alsoNoted();
        boolean noting = noted != null && noted.measurement().available();
        Row before = carried != null && carried.measurement() == measurement ? carried.row() : reference(measurement);
        Row notedBefore = noting ? reference(noted.measurement()) : null;
        Row row = measure(scenario);
        Row after = reference(measurement);
        Row notedAfter = noting ? reference(noted.measurement()) : null;
        Reference.Metric metric = measured.metric();
        double mean = (metric.of(before) + metric.of(after)) / 2;
        results.scenario(row.judged(measured.label(), metric.format(mean), metric.of(row) / mean, comparison.target()));
        if (noting) {
            double notedMean = (notedBefore.perSecond() + notedAfter.perSecond()) / 2;
            results.note(String.format(
                    Locale.ROOT,
                    "%s: %.2f of %s (%.1f/s)",
                    row.name(),
                    row.perSecond() / notedMean,
                    noted.label(),
                    notedMean));
        }
        return new Carried(measurement, after);
    }

    private Row reference(Measurement measurement) throws Exception {
        Row row = measurement.measure();
        results.reference(row, measurement.remark());
        Log.line("%s", row.describe());
        return row;
    }

    /** Warms up, then measures the scenario's load while its background runs, then lets the server drain. */
    private Row measure(Scenario scenario) throws Exception {
        Load narrowed = load.with(scenario.connections());
        String base = server.url("");
        if (scenario.warmupSeconds() > 0) {
            narrowed.run(base, scenario.spec(), prefix(), scenario.warmupSeconds());
        }
        Scenario.Background.Ending during = scenario.during().begin();
        Row row;
        try {
            row = narrowed.run(base, scenario.spec(), prefix(), scenario.seconds())
                    .toRow(scenario.name());
            Log.line("%s", row.describe());
            drain();
        } finally {
            during.end(results);
        }
        return row;
    }

    /**
     * Waits until the server has worked off the requests still queued when the load generator
     * stopped (a hash-bound scenario leaves requests queued for the hashing pool), so
     * that they do not count against the next scenario: until /health answers within 50 ms.
     */
    private void drain() throws Exception {
        drain(server);
    }

    /** {@link #drain()} on {@code server}: for measurements that run the server's own load. */
    static void drain(Server.Running server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v4/health")))
                .timeout(Duration.ofSeconds(30))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            if (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(50)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** {@code b}, the load's number and {@code _}: unique within the run, and short (user names hold 20). */
    private String prefix() {
        return "b" + loads.getAndIncrement() + "_";
    }

    private static Set<Measurement> measurements(Step step) {
        if (!(step instanceof Comparison comparison)) {
            return Set.of();
        }
        Set<Measurement> measurements = new LinkedHashSet<>();
        if (comparison.reference() instanceof Reference.Measured measured) {
            measurements.add(measured.measurement());
        }
        if (comparison.alsoNoted() != null) {
            measurements.add(comparison.alsoNoted().measurement());
        }
        return measurements;
    }

    private static void release(Measurement measurement) {
        if (measurement instanceof AutoCloseable process) {
            try {
                process.close();
            } catch (Exception failed) {
                Log.line("could not stop %s: %s", measurement.name(), failed);
            }
        }
    }
}
