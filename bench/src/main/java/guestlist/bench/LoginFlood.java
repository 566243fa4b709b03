package guestlist.bench;

import guestlist.bench.reference.Measurement;
import guestlist.bench.result.Results;
import guestlist.bench.result.Row;
import guestlist.bench.result.Target;
import guestlist.bench.system.Flood;
import guestlist.bench.system.Log;
import guestlist.bench.system.Paced;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Issue 12's measurement: the invite list while a flood of log-ins runs, against the same list
 * without the flood, and the log-ins that get through the flood against the hash-bound limit.
 *
 * <p>In order: the hash-bound limit (reference (a)); the invite list sent at a fixed rate for half
 * the measured seconds without a flood; the flood starts ({@code clients} connections, each sending
 * its next log-in as soon as the last is answered, 503 or not) and, once it has run for its
 * warm-up, the same paced invite list for the measured seconds while the log-in answers are
 * counted; the flood stops (each client once its last log-in is answered); the paced invite list
 * for the other half of the seconds without a flood; the hash-bound limit again. The rows: the
 * baseline (both halves without the flood together, so that a change of the machine's load during
 * the step weighs on both sides); the list during the flood, its p99 against the baseline's (target
 * {@link #P99_TARGET}); the log-ins answered 200 during that window, per second, against the mean
 * of the two hash-bound limits (target {@link #THROUGHPUT_TARGET}). Log-ins refused {@code 503} with {@code Retry-After} are what the flood is
 * expected to get: they go to the notes, not to the errors; any other answer is an error.
 */
final class LoginFlood {

    static final Target P99_TARGET = Target.atMost(3.00);
    static final Target THROUGHPUT_TARGET = Target.atLeast(0.80);

    private final String listUrl;
    private final String listToken;
    private final double listPerSecond;
    private final String loginUrl;
    private final IntFunction<String> loginBody;
    private final int clients;
    private final double warmupSeconds;
    private final double seconds;
    private final Measurement hashBoundLimit;

    /**
     * @param listPerSecond the paced invite list's rate
     * @param loginBody     the body of a flood client's {@code i}th log-in
     * @param warmupSeconds how long the flood runs before it is measured: long enough for the
     *                      first refusals to have come back, so that the window sees it steady
     */
    LoginFlood(
            String listUrl,
            String listToken,
            double listPerSecond,
            String loginUrl,
            IntFunction<String> loginBody,
            int clients,
            double warmupSeconds,
            double seconds,
            Measurement hashBoundLimit) {
        this.listUrl = listUrl;
        this.listToken = listToken;
        this.listPerSecond = listPerSecond;
        this.loginUrl = loginUrl;
        this.loginBody = loginBody;
        this.clients = clients;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.hashBoundLimit = hashBoundLimit;
    }

    String baselineName() {
        return String.format(Locale.ROOT, "invite list at %.0f/s, no log-in flood (baseline)", listPerSecond);
    }

    String duringName() {
        return String.format(Locale.ROOT, "invite list at %.0f/s during a flood of %d log-ins", listPerSecond, clients);
    }

    String loginsName() {
        return String.format(Locale.ROOT, "log in during a flood of %d (200s per second)", clients);
    }

    /** The whole measurement, as one step of the plan. */
    Action step() {
        return new Action(
                "the invite list and the log-ins during a flood of " + clients + " concurrent log-ins", this::run);
    }

    private void run(Results results) throws Exception {
        Paced list = new Paced(listUrl, listToken, listPerSecond);
        Row limitBefore = reference(results);

        Paced.Sample before = list.run(seconds / 2);
        Paced.Sample during;
        Flood.Window window;
        Flood flood = Flood.start(loginUrl, clients, loginBody);
        try {
            Thread.sleep((long) (warmupSeconds * 1000));
            flood.openWindow();
            during = list.run(seconds);
            window = flood.stop(flood.closeWindow());
        } finally {
            flood.close();
        }
        Paced.Sample after = list.run(seconds / 2);
        Row baseline = before.and(after).result().toRow(baselineName());
        Log.line("%s", baseline.describe());
        results.scenario(baseline);
        Row duringRow = during.result().toRow(duringName());
        Log.line("%s", duringRow.describe());
        // a 503 with Retry-After is the flood's expected refusal; anything else is an error
        Row logins = Row.measured(
                loginsName(),
                window.okPerSecond(),
                window.okP50Ms(),
                window.okP99Ms(),
                window.other() + window.busyWithoutRetryAfter());
        Log.line(
                "%s; %d answered 503 with Retry-After, %d without, %d otherwise",
                logins.describe(), window.busy(), window.busyWithoutRetryAfter(), window.other());

        Row limitAfter = reference(results);
        double limit = (limitBefore.perSecond() + limitAfter.perSecond()) / 2;
        results.scenario(duringRow.judged(
                "p99 without flood",
                Reference.Metric.P99.format(baseline.p99()),
                duringRow.p99() / baseline.p99(),
                P99_TARGET));
        results.scenario(logins.judged(
                "hash-bound limit",
                Reference.Metric.THROUGHPUT.format(limit),
                logins.perSecond() / limit,
                THROUGHPUT_TARGET));
        results.note(String.format(
                Locale.ROOT,
                "log-in flood: %d clients, each sending its next log-in as soon as the last was answered"
                        + " (Retry-After not honoured), measured %.1f s after %.0f s of warm-up: %,d answered 200"
                        + " (%.1f/s, p50 %.0f ms, p99 %.0f ms), %,d answered 503 service_unavailable with"
                        + " Retry-After, %,d 503 without it, %,d anything else; the invite list at %.0f/s, paced,"
                        + " latency counted from when each request was due",
                clients,
                window.seconds(),
                warmupSeconds,
                window.ok(),
                window.okPerSecond(),
                window.okP50Ms(),
                window.okP99Ms(),
                window.busy(),
                window.busyWithoutRetryAfter(),
                window.other(),
                listPerSecond));
    }

    private Row reference(Results results) throws Exception {
        Row row = hashBoundLimit.measure();
        results.reference(row, hashBoundLimit.remark());
        Log.line("%s", row.describe());
        return row;
    }
}
