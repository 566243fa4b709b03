package guestlist.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, parsed once from its command line ({@code --name=value}, or
 * {@code --name} for a switch). {@code --smoke} first sets tiny sizes, and any other option
 * overrides them.
 *
 * @param root             the repository (bench/lua, bench/sql, bench/target are under it)
 * @param jar              the product jar under test
 * @param hasher           the product's password hasher class, measured by reference (a)
 * @param loadgen          {@code wrk}, or {@code java} for the small Java client
 * @param pgbench          whether pgbench runs (false when missing: no database reference)
 * @param hashBoundSeconds seconds of the hash-bound scenarios (register, log in)
 * @param refSeconds       seconds of each reference measurement (bare Undertow, pgbench)
 * @param hashSeconds      seconds of each hash-rate measurement
 * @param starts           timed starts of the server
 * @param largeInvites     invites in the grown table
 * @param listerLarge      the lister's invites in the grown table
 * @param treeSmall        accounts (about) in the small invite tree
 * @param treeLarge        accounts (about) in the large invite tree
 * @param banBranch        accounts below the member whose branch is banned, one invite each
 * @param pool             the server's database pool; 0 for its default
 * @param workers          the server's worker threads; 0 for its default
 * @param jfr              a JFR recording of the server under load, in the work directory
 * @param flood            concurrent log-ins of the log-in flood
 * @param floodWarmupSeconds seconds the flood runs before it is measured
 * @param listRate         invite list requests per second, paced, without and during the flood
 * @param referenceHeap    the heap of the second server process that the heap rows compare with
 * @param only             the parts of the plan to run ({@link #PARTS}); empty for all of them
 */
record Options(
        boolean smoke,
        Path root,
        Path jar,
        String hasher,
        String loadgen,
        boolean pgbench,
        int wrkThreads,
        int connections,
        double seconds,
        double hashBoundSeconds,
        double warmupSeconds,
        double hashSeconds,
        double refSeconds,
        int starts,
        int logins,
        int creators,
        int smallInvites,
        long largeInvites,
        long listerLarge,
        long sweepRows,
        int sweepDelaySeconds,
        long treeSmall,
        long treeLarge,
        long banBranch,
        String xmx,
        int pool,
        int workers,
        boolean jfr,
        int flood,
        double floodWarmupSeconds,
        double listRate,
        String referenceHeap,
        Set<String> only) {

    /**
     * The parts of the plan, for {@code --only} (comma-separated): {@code table} the small and the
     * grown invite table, {@code quotas} only the quota rows of the small table and the two rows
     * they compare with, {@code sweep} the sweep, {@code tree} the small and the large invite tree,
     * {@code ban} the branch ban, {@code pages} the pages in the browser, {@code flood} the log-in
     * flood, {@code heap} the throughput scenarios against a server with the reference heap.
     */
    static final Set<String> PARTS = Set.of("table", "quotas", "sweep", "tree", "ban", "pages", "flood", "heap");

    /** The full run's values; {@code hash-bound-seconds} 0 means as {@code seconds}. */
    private static final Map<String, String> FULL = Map.ofEntries(
            Map.entry("root", "."),
            Map.entry("jar", ""),
            Map.entry("hasher", "guestlist.bootstrap.crypto.DefaultPasswordHasher"),
            Map.entry("loadgen", "auto"),
            Map.entry("threads", "2"),
            Map.entry("connections", "16"),
            Map.entry("seconds", "20"),
            Map.entry("hash-bound-seconds", "0"),
            Map.entry("warmup", "5"),
            Map.entry("hash-seconds", "10"),
            Map.entry("ref-seconds", "10"),
            Map.entry("starts", "5"),
            Map.entry("logins", "100"),
            Map.entry("creators", "1000"),
            Map.entry("small", "1000"),
            Map.entry("large", "1000000"),
            Map.entry("lister-large", "10000"),
            Map.entry("sweep-rows", "1000000"),
            Map.entry("sweep-delay", "8"),
            Map.entry("tree-small", "1000"),
            Map.entry("tree-large", "1000000"),
            Map.entry("ban-branch", "100000"),
            Map.entry("xmx", "128m"),
            Map.entry("reference-heap", "256m"),
            Map.entry("pool", "0"),
            Map.entry("workers", "0"),
            Map.entry("flood", "200"),
            Map.entry("flood-warmup", "3"),
            Map.entry("list-rate", "50"),
            Map.entry("only", ""));

    /** What {@code --smoke} changes: every step with tiny sizes, a few seconds each. */
    private static final Map<String, String> SMOKE = Map.ofEntries(
            Map.entry("seconds", "1"),
            Map.entry("hash-bound-seconds", "2"),
            Map.entry("connections", "4"),
            Map.entry("warmup", "0"),
            Map.entry("hash-seconds", "1"),
            Map.entry("ref-seconds", "1"),
            Map.entry("starts", "1"),
            Map.entry("logins", "5"),
            Map.entry("creators", "20"),
            Map.entry("small", "100"),
            Map.entry("large", "2000"),
            Map.entry("lister-large", "500"),
            Map.entry("sweep-rows", "5000"),
            Map.entry("sweep-delay", "2"),
            Map.entry("tree-small", "100"),
            Map.entry("tree-large", "300"),
            Map.entry("ban-branch", "200"));

    private static final Set<String> SWITCHES = Set.of("smoke", "no-pgbench", "jfr");

    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            String[] nameValue = arg.substring(2).split("=", 2);
            String name = nameValue[0];
            boolean isSwitch = SWITCHES.contains(name);
            if (!isSwitch && (!FULL.containsKey(name) || nameValue.length < 2)) {
                throw new IllegalArgumentException("unknown option " + arg + " (options: " + SWITCHES + " and "
                        + FULL.keySet().stream()
                                .sorted()
                                .map(option -> option + "=...")
                                .toList() + ")");
            }
            given.put(name, isSwitch ? "true" : nameValue[1]);
        }
        boolean smoke = given.containsKey("smoke");
        Map<String, String> values = new HashMap<>(FULL);
        if (smoke) {
            values.putAll(SMOKE);
        }
        values.putAll(given);

        Path root = Path.of(values.get("root")).toAbsolutePath().normalize();
        Path jar = values.get("jar").isEmpty()
                ? root.resolve("bootstrap/target/guestlist.jar")
                : Path.of(values.get("jar")).toAbsolutePath();
        String loadgen = values.get("loadgen");
        if (loadgen.equals("auto")) {
            loadgen = onPath("wrk") ? "wrk" : "java";
        }
        if (!loadgen.equals("wrk") && !loadgen.equals("java")) {
            throw new IllegalArgumentException("--loadgen is wrk, java or auto, not " + loadgen);
        }
        double seconds = Double.parseDouble(values.get("seconds"));
        double hashBoundSeconds = Double.parseDouble(values.get("hash-bound-seconds"));
        int starts = Integer.parseInt(values.get("starts"));
        Set<String> only = values.get("only").isEmpty()
                ? Set.of()
                : Set.of(values.get("only").split(","));
        if (!PARTS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes parts of " + PARTS + ", not " + only);
        }
        if (starts < 1) {
            throw new IllegalArgumentException("--starts is at least 1: the last start is the server under load");
        }
        return new Options(
                smoke,
                root,
                jar,
                values.get("hasher"),
                loadgen,
                !given.containsKey("no-pgbench") && onPath("pgbench"),
                Integer.parseInt(values.get("threads")),
                Integer.parseInt(values.get("connections")),
                seconds,
                hashBoundSeconds > 0 ? hashBoundSeconds : seconds,
                Double.parseDouble(values.get("warmup")),
                Double.parseDouble(values.get("hash-seconds")),
                Double.parseDouble(values.get("ref-seconds")),
                starts,
                Integer.parseInt(values.get("logins")),
                Integer.parseInt(values.get("creators")),
                Integer.parseInt(values.get("small")),
                Long.parseLong(values.get("large")),
                Long.parseLong(values.get("lister-large")),
                Long.parseLong(values.get("sweep-rows")),
                Integer.parseInt(values.get("sweep-delay")),
                Long.parseLong(values.get("tree-small")),
                Long.parseLong(values.get("tree-large")),
                Long.parseLong(values.get("ban-branch")),
                values.get("xmx"),
                Integer.parseInt(values.get("pool")),
                Integer.parseInt(values.get("workers")),
                given.containsKey("jfr"),
                Integer.parseInt(values.get("flood")),
                Double.parseDouble(values.get("flood-warmup")),
                Double.parseDouble(values.get("list-rate")),
                values.get("reference-heap"),
                only);
    }

    /** pgbench's connections: as many as the server's database pool (its default: 10, or 4 per core). */
    int pgbenchClients() {
        return pool > 0 ? pool : Math.max(10, cores() * 4);
    }

    /** The bare Undertow's worker threads: as many as the server's (its default: 16, or 8 per core). */
    int bareWorkers() {
        return workers > 0 ? workers : Math.max(16, cores() * 8);
    }

    /** Whether {@code --only} leaves {@code part} of the plan in (every part without it). */
    boolean runs(String part) {
        return only.isEmpty() || only.contains(part);
    }

    int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    Path lua() {
        return root.resolve("bench/lua/scenario.lua");
    }

    Path sql(String script) {
        return root.resolve("bench/sql").resolve(script);
    }

    /** The libsodium reference's program, which bench/run.sh compiles from bench/native when it can. */
    Path sodiumHashRate() {
        return target().resolve("sodium_hash_rate");
    }

    Path target() {
        return root.resolve("bench/target");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
