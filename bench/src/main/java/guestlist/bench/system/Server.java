package guestlist.bench.system;

import guestlist.bench.result.Results;
import guestlist.bench.result.Row;
import guestlist.bench.result.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server under test: Guestlist's built jar, started as a process of its own against the
 * benchmark's PostgreSQL as an external database, with the auth rate limit off (the hash-bound
 * scenarios send from one address), the validity limit on at {@value #VALIDITY_PER_MINUTE} per minute
 * (so that the validity check is measured with its limit counted in the shared budgets, at a value the
 * benchmark's one address does not reach), and the admin
 * {@code bench_admin} (password {@link Seed#PASSWORD}). Nothing of the product is on the
 * benchmark's class path: it is driven over HTTP only.
 */
public final class Server {

    /**
     * What a start on an external database must stay within, from process start to a healthy
     * {@code /api/v4/health}.
     */
    private static final double START_BUDGET_MS = 1000;

    /** What a restart on the embedded default's existing data must stay within. */
    private static final double EMBEDDED_RESTART_BUDGET_MS = 2000;

    /** What the very first start on the embedded default (a fresh data directory) must stay within. */
    private static final double EMBEDDED_FIRST_START_BUDGET_MS = 4000;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /** The validity checks per address and minute the server allows. */
    public static final int VALIDITY_PER_MINUTE = 100_000_000;

    private final String java;
    private final Path jar;
    private final String xmx;
    private final int workers;
    private final String jdbcUrl;
    private final Path work;

    /**
     * @param xmx     the server's maximum heap ({@code -Xmx})
     * @param workers the server's worker threads; 0 for its default
     */
    public Server(Path jar, String xmx, int workers, Database database, Path work) {
        this.java = Proc.java();
        this.jar = jar;
        this.xmx = xmx;
        this.workers = workers;
        this.jdbcUrl = database.jdbcUrl();
        this.work = work;
    }

    /** A started server process and the port it listens on. */
    public record Running(Proc process, int port) implements AutoCloseable {

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** Milliseconds from process start to the first healthy answer. */
        public double awaitHealthy() throws Exception {
            return process.awaitHealthy(url("/api/v4/health"), START_TIMEOUT);
        }

        /** SIGTERM, then a graceful stop. */
        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * Starts the jar on {@code port} with its log in the work directory ({@code name}.log).
     *
     * @param pool     the database pool size; 0 for the server's default
     * @param extraEnv further settings ({@code GUESTLIST_...})
     */
    public Running start(String name, int port, int pool, Map<String, String> extraEnv, List<String> jvmOptions)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUESTLIST_DATABASE_URL", jdbcUrl);
        env.put("GUESTLIST_DATABASE_USER", Database.USER);
        env.put("GUESTLIST_DATA_DIR", work.resolve("unused-data").toString());
        env.putAll(extraEnv);
        return startWith(name, port, pool, env, jvmOptions);
    }

    /**
     * Starts the jar as a newcomer's first command does, on the embedded PostgreSQL it starts itself
     * in {@code dataDir} (no database configured), on {@code port}.
     */
    private Running startEmbedded(String name, int port, Path dataDir) throws IOException {
        return startWith(name, port, 0, Map.of("GUESTLIST_DATA_DIR", dataDir.toString()), List.of());
    }

    private Running startWith(String name, int port, int pool, Map<String, String> extraEnv, List<String> jvmOptions)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUESTLIST_PORT", Integer.toString(port));
        env.put("GUESTLIST_MANAGEMENT_PORT", "0"); // no metrics port: runs side by side must not share one
        env.put("GUESTLIST_ADMIN_USERNAME", "bench_admin");
        env.put("GUESTLIST_ADMIN_PASSWORD", Seed.PASSWORD);
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", Integer.toString(VALIDITY_PER_MINUTE));
        if (pool > 0) {
            env.put("GUESTLIST_DATABASE_POOL_SIZE", Integer.toString(pool));
        }
        if (workers > 0) {
            env.put("GUESTLIST_WORKER_THREADS", Integer.toString(workers));
        }
        env.putAll(extraEnv);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmx));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return new Running(Proc.start(command, env, work.resolve(name + ".log")), port);
    }

    /**
     * Times {@code starts} starts on the migrated database from process start to a healthy
     * {@code /api/v4/health} against the budget of 1 s, each into a row of {@code results} with a
     * note of the CPU they used. With {@code appCds}, a first start (not timed) migrates the empty
     * database, creates the admin and records an AppCDS archive, and each timed start is paired with
     * one from that archive (interleaved, so that both see the same machine); without, the first
     * timed start migrates. The last start stays up as the server under load, with a JFR recording
     * when {@code jfr}.
     */
    public Running startTimed(int starts, boolean appCds, boolean jfr, int pool, Results results) throws Exception {
        int port = Machine.freePort();
        Path archive = work.resolve("guestlist.jsa");
        if (appCds) {
            try (Running first =
                    start("guestlist-migrate", port, pool, Map.of(), List.of("-XX:ArchiveClassesAtExit=" + archive))) {
                double ms = first.awaitHealthy();
                Log.line("first start (migrations, admin; records the AppCDS archive): %.0f ms", ms);
            }
        }
        boolean cds = Files.exists(archive);
        double[] times = new double[starts];
        double[] cpu = new double[starts];
        double[] cdsTimes = new double[cds ? starts : 0];
        double[] cdsCpu = new double[cdsTimes.length];
        Running last = null;
        for (int i = 0; i < starts; i++) {
            if (cds) {
                try (Running running =
                        start("guestlist-cds", port, pool, Map.of(), List.of("-XX:SharedArchiveFile=" + archive))) {
                    cdsTimes[i] = running.awaitHealthy();
                    cdsCpu[i] = running.process().cpuSeconds();
                }
            }
            boolean isLast = i == starts - 1;
            List<String> jvm = isLast && jfr
                    ? List.of("-XX:StartFlightRecording=filename=" + work.resolve("guestlist.jfr")
                            + ",settings=profile,dumponexit=true")
                    : List.of();
            Running running = start("guestlist", port, pool, Map.of(), jvm);
            try {
                times[i] = running.awaitHealthy();
                cpu[i] = running.process().cpuSeconds();
            } catch (Exception | Error failed) {
                running.close();
                throw failed;
            }
            if (isLast) {
                last = running;
            } else {
                running.close();
            }
        }
        results.start(startRow("start to healthy, external db", times, cpu, START_BUDGET_MS, results));
        if (cds) {
            results.start(
                    startRow("start to healthy, with AppCDS archive", cdsTimes, cdsCpu, START_BUDGET_MS, results));
        }
        return last;
    }

    /**
     * Times the start a newcomer makes: {@code java -jar guestlist.jar} with no database configured,
     * on the embedded PostgreSQL. {@code starts} times: the very first start on a fresh data
     * directory (the database created, migrated, the admin made), then a restart on that data; each
     * median against its budget (4 s and 2 s). The PostgreSQL binaries are already unpacked by then
     * (the benchmark's own database runs on the same ones), as on any start after the jar's first on
     * a machine.
     */
    public void startEmbeddedTimed(int starts, Results results) throws Exception {
        int port = Machine.freePort();
        double[] first = new double[starts];
        double[] firstCpu = new double[starts];
        double[] restart = new double[starts];
        double[] restartCpu = new double[starts];
        for (int i = 0; i < starts; i++) {
            Path dataDir = work.resolve("embedded-" + i);
            try (Running running = startEmbedded("guestlist-embedded-first", port, dataDir)) {
                first[i] = running.awaitHealthy();
                firstCpu[i] = running.process().cpuSeconds();
            }
            try (Running running = startEmbedded("guestlist-embedded-restart", port, dataDir)) {
                restart[i] = running.awaitHealthy();
                restartCpu[i] = running.process().cpuSeconds();
            }
        }
        results.start(startRow(
                "first start to healthy, embedded default", first, firstCpu, EMBEDDED_FIRST_START_BUDGET_MS, results));
        results.start(startRow(
                "restart to healthy, embedded default", restart, restartCpu, EMBEDDED_RESTART_BUDGET_MS, results));
    }

    private static Row startRow(String name, double[] times, double[] cpu, double budgetMs, Results results) {
        double median = median(times);
        String wall =
                Arrays.toString(Arrays.stream(times).mapToLong(Math::round).toArray());
        Log.line("%s: %s ms, median %.0f ms; CPU used by then: %s s", name, wall, median, Arrays.toString(cpu));
        results.note(String.format(
                Locale.ROOT,
                "%s: wall %s ms; CPU seconds (user + system, all threads) used by"
                        + " the server when it first answered healthy: %s, median %.2f s (on an idle %d-core machine"
                        + " the wall time cannot be below about %.2f s)",
                name,
                wall,
                Arrays.toString(cpu),
                median(cpu),
                Machine.cores(),
                median(cpu) / Machine.cores()));
        return Row.info(
                        String.format(Locale.ROOT, "%s (median of %d)", name, times.length),
                        String.format(Locale.ROOT, "%.0f ms", median))
                .judged(
                        "budget",
                        String.format(Locale.ROOT, "%.0f ms", budgetMs),
                        median / budgetMs,
                        Target.atMost(1.0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
