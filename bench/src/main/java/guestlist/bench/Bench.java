package guestlist.bench;

import guestlist.bench.result.ResultTable;
import guestlist.bench.result.Results;
import guestlist.bench.result.Row;
import guestlist.bench.system.Branches;
import guestlist.bench.system.Database;
import guestlist.bench.system.Load;
import guestlist.bench.system.Log;
import guestlist.bench.system.Machine;
import guestlist.bench.system.Seed;
import guestlist.bench.system.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Guestlist's benchmark: starts a PostgreSQL of its own, starts the built jar against it (the auth
 * rate limit off, the validity limit on at a value the benchmark does not reach), seeds data with SQL, runs the {@link Plan} over loopback and prints one table in
 * which each figure stands next to a reference measured in the same run on the same machine: the
 * Argon2id hash rate on all cores, pgbench on the use cases' own SQL, and a bare Undertow; or
 * the same figure measured earlier in the run on smaller data, or without a concurrent sweep or
 * ban.
 *
 * <p>Run it with {@code bench/run.sh} (which installs wrk and pgbench, builds what is missing and
 * passes its arguments here); {@code --smoke} runs every step with tiny sizes in well under a
 * minute, for the build's smoke test. Exits with 0 when every scenario and reference ran with
 * requests and without errors (figures are not judged), else 1.
 */
public final class Bench {

    /** The API's default page size (PageSize.DEFAULT): a deep page of an ancestry is a full one. */
    private static final int PAGE_SIZE = 20;

    /** The most resident memory the server under test may reach during the whole run. */
    private static final double PEAK_RSS_BUDGET_MIB = 300;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(Options.parse(args)));
    }

    static int run(Options options) throws Exception {
        Path work = options.target().resolve("run-" + Instant.now().toString().replaceAll("[^0-9TZ]", ""));
        Files.createDirectories(work);
        Load load = new Load(options.loadgen(), options.lua(), options.wrkThreads(), options.connections());
        Log.line(
                "Guestlist benchmark (%s), work directory %s",
                mode(options), options.root().relativize(work));
        String machine = Machine.describe();
        String loadBefore = Machine.loadAverage();
        Log.line("%s; load average before: %s", machine, loadBefore);
        Log.line(
                "load generator: %s; pgbench: %s",
                load, options.pgbench() ? "yes" : "missing (database reference skipped)");

        Results results = new Results();
        try (Database database = Database.start(work)) {
            Server server = new Server(options.jar(), options.xmx(), options.workers(), database, work);
            try (Server.Running underTest =
                    server.startTimed(options.starts(), !options.smoke(), options.jfr(), options.pool(), results)) {
                server.startEmbeddedTimed(options.starts(), results);
                Seed seed = Seed.plant(database, work, options.logins(), options.creators(), options.smallInvites());
                Plan plan = new Plan(options, database, server, underTest, load, work);
                Run run = new Run(underTest, load, results);
                if (options.runs("pages")) {
                    run.all(plan.pages(underTest, Seed.adminToken(database, work)));
                }
                if (options.runs("table") || options.runs("quotas") || options.runs("heap") || options.runs("flood")) {
                    run.all(plan.warmUp(seed));
                }
                if (options.runs("table")) {
                    run.all(plan.onSmallTable(seed));
                } else if (options.runs("quotas")) {
                    run.all(plan.quotasAlone(seed));
                }
                if (options.runs("heap")) {
                    Server withReferenceHeap =
                            new Server(options.jar(), options.referenceHeap(), options.workers(), database, work);
                    try (Server.Running referenceHeap = withReferenceHeap.start(
                            "guestlist-reference-heap", Machine.freePort(), options.pool(), Map.of(), List.of())) {
                        referenceHeap.awaitHealthy();
                        run.all(plan.againstReferenceHeap(seed, referenceHeap));
                        results.note(String.format(
                                Locale.ROOT,
                                "peak RSS of the server with -Xmx%s (the heap rows' reference): %.0f MiB",
                                options.referenceHeap(),
                                referenceHeap.process().peakRssMiB()));
                    }
                }
                if (options.runs("flood")) {
                    run.all(plan.duringLoginFlood(seed, underTest));
                }
                if (options.runs("table") || options.runs("sweep")) {
                    Seed grown = seed.grownTo(database, options.largeInvites(), options.listerLarge());
                    if (options.runs("table")) {
                        run.all(plan.onLargeTable(grown));
                    }
                    if (options.runs("sweep")) {
                        run.all(plan.duringSweep(grown));
                    }
                }

                Path adminToken = Seed.adminToken(database, work);
                if (options.runs("tree")) {
                    Branches.Tree smallTree =
                            Branches.tree(database, "tree_root_small", options.treeSmall(), PAGE_SIZE);
                    run.all(plan.onSmallTree(smallTree, adminToken));
                    Branches.Tree largeTree = Branches.tree(database, "tree_root", options.treeLarge(), PAGE_SIZE);
                    run.all(plan.onLargeTree(largeTree, smallTree, adminToken));
                }
                if (options.runs("ban")) {
                    run.all(plan.duringBranchBan(
                            Branches.branch(database, "ban_top", options.banBranch()), underTest, adminToken));
                }

                List<String> offsets = database.statementsWith("offset");
                double peakRss = underTest.process().peakRssMiB();
                ResultTable table = results.table(
                        "Guestlist benchmark (" + mode(options) + ")",
                        List.of(
                                "machine: " + machine,
                                "load average (1/5/15 min) before: " + loadBefore + "; after: " + Machine.loadAverage(),
                                String.format(
                                        Locale.ROOT,
                                        "load: %s, %.0f s per scenario after %.0f s warm-up;"
                                                + " server -Xmx%s, pool %s, workers %s",
                                        load,
                                        options.seconds(),
                                        options.warmupSeconds(),
                                        options.xmx(),
                                        orDefault(options.pool()),
                                        orDefault(options.workers()))),
                        List.of(
                                Row.info(
                                                String.format(
                                                        Locale.ROOT, "peak RSS under load (-Xmx%s)", options.xmx()),
                                                String.format(Locale.ROOT, "%.0f MiB", peakRss))
                                        .checked(
                                                String.format(Locale.ROOT, "<= %.0f MiB", PEAK_RSS_BUDGET_MIB),
                                                peakRss <= PEAK_RSS_BUDGET_MIB),
                                Row.info(
                                                "statements with OFFSET (pg_stat_statements)",
                                                offsets.isEmpty() ? "none" : offsets.size() + " found")
                                        .checked("none", offsets.isEmpty())),
                        offsets.stream()
                                .map(statement -> "OFFSET in: " + statement)
                                .toList());
                System.out.println(table.markdown());
                table.write(work.resolve("results.md"), options.target().resolve("last-results.md"));
                return table.verdict(System.out);
            }
        }
    }

    private static String mode(Options options) {
        String mode = options.smoke() ? "smoke" : "full";
        return options.only().isEmpty() ? mode : mode + ", only " + String.join(",", new TreeSet<>(options.only()));
    }

    private static String orDefault(int setting) {
        return setting > 0 ? Integer.toString(setting) : "default";
    }
}
