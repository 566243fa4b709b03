package guestlistbench;

import guestlist.bootstrap.crypto.Argon2PasswordHasher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Guestlist's benchmark: starts a PostgreSQL of its own, starts Guestlist against it (rate limits
 * off), seeds data with SQL, drives every scenario over loopback and prints one table in which
 * each figure stands next to a reference measured in the same run on the same machine:
 * the Argon2id hash rate on all cores ({@link HashRate}), pgbench on the use cases' own SQL,
 * and a bare Undertow ({@link BareServer}).
 *
 * <p>Run it with {@code bench/run.sh} (which installs wrk and pgbench, builds what is missing and
 * passes its arguments here); {@code --smoke} runs every step with tiny sizes in well under a
 * minute, for the build's smoke test.
 */
public final class Bench {

    static final String PASSWORD = "benchmark-password-1";
    static final String INVITE_TOKEN = "BenchInviteToken_unlimited_00001"; // 32 of [A-Za-z0-9_-]

    private final Options options;
    private final Path root;
    private final Path work;
    private final String javaCommand;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Load load;
    private EmbeddedPostgres postgres;
    private Connection sql;
    private String jdbcUrl;
    private int pgPort;
    private Proc server;
    private int serverPort;
    private char nextPrefix = 'a';
    private long listerId;
    private long firstCreator;
    private long lastCreator;
    private Path creatorTokens;
    private Path listerToken;

    private Bench(Options options) throws IOException {
        this.options = options;
        this.root = options.root.toAbsolutePath().normalize();
        this.work = root.resolve("bench/target/run-" + Instant.now().toString().replaceAll("[^0-9TZ]", ""));
        Files.createDirectories(work);
        this.javaCommand = ProcessHandle.current().info().command().orElse("java");
        this.load = new Load(options.loadgen, root.resolve("bench/lua/scenario.lua"), options.wrkThreads,
                options.connections);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Bench bench = new Bench(options);
        int status;
        try {
            bench.run();
            status = bench.verdict();
        } finally {
            bench.stopAll();
        }
        System.exit(status);
    }

    // ------------------------------------------------------------------------------------ the run

    private void run() throws Exception {
        log("Guestlist benchmark (%s), work directory %s", options.smoke ? "smoke" : "full", root.relativize(work));
        String machine = machine();
        String loadBefore = loadAverage();
        log("%s; load average before: %s", machine, loadBefore);
        log("load generator: %s; pgbench: %s", load, options.pgbench ? "yes" : "missing (database reference skipped)");

        startPostgres();
        measureStarts();
        seed();

        // Each figure is compared with its reference measured right before and right after it (the
        // mean of the two), so that a change of the machine's load between them shows as a spread
        // of the reference (in the notes) rather than as a false ratio.
        String invite = "\"token\":\"" + INVITE_TOKEN + "\"";
        Row hash1 = refHashRate();
        Row register = hashBound("register with an invite", new Load.Spec("POST", "/api/v4/account/auth/register",
                "{\"username\":\"{seq}\",\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD + "\","
                        + invite + "}", null, prefix(), 1), options.warmupSeconds);
        Row hash2 = refHashRate();
        compare(register, "hash-bound limit", ">= 0.80", 0.80, hash1, hash2);
        Row login = hashBound("log in", new Load.Spec("POST", "/api/v4/account/auth/login",
                "{\"username_or_email\":\"login_{rand}\",\"password\":\"" + PASSWORD + "\"}", null, prefix(),
                options.logins), options.warmupSeconds);
        Row hash3 = refHashRate();
        compare(login, "hash-bound limit", ">= 0.80", 0.80, hash2, hash3);

        // The database reference of an authenticated endpoint is the SQL of the whole request: the
        // session lookup and the use case's statements. The use case's statements alone are measured
        // too, and the ratio against them is in the notes.
        Map<String, String> creators = Map.of("first_creator", Long.toString(firstCreator), "last_creator",
                Long.toString(lastCreator));
        Row pgCreate1 = refPgbench("ref: pgbench create invite, request", "create_invite_request.sql", creators);
        Row pgCreateAlone1 = refPgbench("ref: pgbench create invite, use case alone", "create_invite.sql", creators);
        Row create = scenario("create invite", new Load.Spec("POST", "/api/v4/account/invite", "{}", creatorTokens,
                prefix(), 1));
        Row pgCreate2 = refPgbench("ref: pgbench create invite, request", "create_invite_request.sql", creators);
        Row pgCreateAlone2 = refPgbench("ref: pgbench create invite, use case alone", "create_invite.sql", creators);
        compare(create, "pgbench create invite", ">= 0.50", 0.50, pgCreate1, pgCreate2);
        noteRatio(create, "the use case's SQL alone", pgCreateAlone1, pgCreateAlone2);

        String smallLabel = String.format(Locale.ROOT, "%,d", options.smallInvites);
        Map<String, String> lister = Map.of("lister", Long.toString(listerId));
        Map<String, String> deepPage = Map.of("lister", Long.toString(listerId), "cursor", Long.toString(deepCursorId));
        Map<String, String> listerRequest = Map.of("lister", Long.toString(listerId), "session_hash", listerSessionHash);
        Map<String, String> deepRequest = Map.of("lister", Long.toString(listerId), "cursor",
                Long.toString(deepCursorId), "session_hash", listerSessionHash);
        Load.Spec firstSpec = new Load.Spec("GET", "/api/v4/account/invite/list", null, listerToken, "l", 1);
        Load.Spec deepSpec = new Load.Spec("GET", "/api/v4/account/invite/list?page_cursor=" + cursor(deepCursorId),
                null, listerToken, "l", 1);
        analyze();
        Row pgFirst1 = refPgbench("ref: pgbench list invites, first page, request", "list_invites_first_request.sql",
                listerRequest);
        Row pgFirstAlone1 = refPgbench("ref: pgbench list invites, first page, use case alone",
                "list_invites_first.sql", lister);
        Row first = scenario("list invites, first page (" + smallLabel + ")", firstSpec);
        Row pgFirst2 = refPgbench("ref: pgbench list invites, first page, request", "list_invites_first_request.sql",
                listerRequest);
        Row pgFirstAlone2 = refPgbench("ref: pgbench list invites, first page, use case alone",
                "list_invites_first.sql", lister);
        compare(first, "pgbench list, first page", ">= 0.50", 0.50, pgFirst1, pgFirst2);
        noteRatio(first, "the use case's SQL alone", pgFirstAlone1, pgFirstAlone2);
        Row pgDeep1 = refPgbench("ref: pgbench list invites, deep page, request", "list_invites_deep_request.sql",
                deepRequest);
        Row pgDeepAlone1 = refPgbench("ref: pgbench list invites, deep page, use case alone", "list_invites_deep.sql",
                deepPage);
        Row deep = scenario("list invites, deep page (" + smallLabel + ")", deepSpec);
        Row pgDeep2 = refPgbench("ref: pgbench list invites, deep page, request", "list_invites_deep_request.sql",
                deepRequest);
        Row pgDeepAlone2 = refPgbench("ref: pgbench list invites, deep page, use case alone", "list_invites_deep.sql",
                deepPage);
        compare(deep, "pgbench list, deep page", ">= 0.50", 0.50, pgDeep1, pgDeep2);
        noteRatio(deep, "the use case's SQL alone", pgDeepAlone1, pgDeepAlone2);
        // the cost of one page: one connection, so the latency is the service time, not a queue
        Row firstOne = scenario("list first page, 1 connection (" + smallLabel + ")", firstSpec, 1);
        Row deepOne = scenario("list deep page, 1 connection (" + smallLabel + ")", deepSpec, 1);

        try (Proc bare = startBareUndertow()) {
            Row bare1 = refBare();
            Row validity = scenario("invite validity", new Load.Spec("GET",
                    "/api/v4/account/invite/validity?token=" + INVITE_TOKEN, null, null, prefix(), 1));
            Row bare2 = refBare();
            compare(validity, "bare Undertow", ">= 0.30", 0.30, bare1, bare2);
            Row site = scenario("GET /site anonymous", new Load.Spec("GET", "/api/v4/site", null, null, prefix(), 1));
            Row bare3 = refBare();
            compare(site, "bare Undertow", ">= 0.30", 0.30, bare2, bare3);
        }

        // the product, large table
        seedLarge();
        String largeLabel = String.format(Locale.ROOT, "%,d", options.largeInvites);
        Load.Spec deepLargeSpec = new Load.Spec("GET", "/api/v4/account/invite/list?page_cursor="
                + cursor(deepCursorId), null, listerToken, "l", 1);
        Row firstLarge = scenario("list first page, 1 connection (" + largeLabel + ")", firstSpec, 1);
        compareLatency(firstLarge, firstOne, "p50 at " + smallLabel, "<= 1.20", 1.20);
        Row deepLarge = scenario("list deep page, 1 connection (" + largeLabel + ")", deepLargeSpec, 1);
        compareLatency(deepLarge, deepOne, "p50 at " + smallLabel, "<= 1.20", 1.20);
        if (options.pgbench && !options.smoke) {
            Row pgFirst = refPgbench("ref: pgbench list invites, first page (" + largeLabel + ")",
                    "list_invites_first.sql", lister);
            double atSmall = mean(pgFirstAlone1, pgFirstAlone2).perSecond;
            notes.add(String.format(Locale.ROOT, "pgbench at %s invites: first page %.0f tx/s (p50 %.2f ms) against"
                    + " %.0f at %s", largeLabel, pgFirst.perSecond, pgFirst.p50, atSmall, smallLabel));
        }

        sweepWhileRegistering(invite);

        // the references, each the mean of its measurements, after the start row
        int at = (int) rows.stream().filter(row -> row.name.startsWith("start to healthy")).count();
        for (Map.Entry<String, List<Row>> kind : references.entrySet()) {
            List<Row> measured = kind.getValue();
            Row summary = new Row(kind.getKey() + (measured.size() > 1 ? " (mean of " + measured.size() + ")" : ""));
            summary.perSecond = measured.stream().mapToDouble(r -> r.perSecond).average().orElse(Double.NaN);
            summary.p50 = measured.stream().mapToDouble(r -> r.p50).average().orElse(Double.NaN);
            summary.p99 = measured.stream().mapToDouble(r -> r.p99).average().orElse(Double.NaN);
            summary.errors = measured.stream().mapToLong(r -> r.errors).sum();
            rows.add(at++, summary);
            notes.add(kind.getKey() + ": " + measured.stream()
                    .map(r -> String.format(Locale.ROOT, "%,.1f/s", r.perSecond)).toList()
                    + (kind.getKey().startsWith("ref: Argon2id") ? " (its p50 column: mean ms per hash)" : ""));
        }

        // memory, OFFSET, start
        double rss = server.peakRssMiB();
        rows.add(Row.info(String.format(Locale.ROOT, "peak RSS under load (-Xmx%s)", options.xmx),
                String.format(Locale.ROOT, "%.0f MiB", rss)));
        List<String> offsets = statementsWith("offset");
        Row offsetRow = Row.info("statements with OFFSET (pg_stat_statements)",
                offsets.isEmpty() ? "none" : offsets.size() + " found");
        offsetRow.met = offsets.isEmpty();
        offsetRow.target = "none";
        rows.add(offsetRow);
        offsets.forEach(statement -> notes.add("OFFSET in: " + statement));

        String loadAfter = loadAverage();
        printTable(machine, loadBefore, loadAfter);
    }

    /**
     * 0 when every load scenario and reference ran with requests and without errors, else 1; says
     * so on the last line ({@code BENCH OK ...} or {@code BENCH FAILED ...}). Figures are not judged.
     */
    private int verdict() {
        List<String> failed = rows.stream().filter(row -> row.value == null)
                .filter(row -> row.errors > 0 || !(row.perSecond > 0)).map(row -> row.name).toList();
        long ran = rows.stream().filter(row -> row.value == null).count();
        if (failed.isEmpty()) {
            System.out.printf(Locale.ROOT, "BENCH OK: %d scenarios and references ran, none with errors%n", ran);
            return 0;
        }
        System.out.printf(Locale.ROOT, "BENCH FAILED: no requests or errors in %s%n", failed);
        return 1;
    }

    // ------------------------------------------------------------------------------ PostgreSQL

    private void startPostgres() throws Exception {
        long started = System.nanoTime();
        Path data = work.resolve("postgres");
        Files.createDirectories(data);
        pgPort = freePort();
        postgres = EmbeddedPostgres.builder()
                .setPort(pgPort)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // durable like a production database (zonky tunes for throwaway test databases)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .start();
        jdbcUrl = "jdbc:postgresql://localhost:" + pgPort + "/postgres";
        sql = DriverManager.getConnection(jdbcUrl, "postgres", null);
        execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        log("PostgreSQL %s on port %d (zonky embedded binaries, fsync on) in %.1f s", queryText("SHOW server_version"),
                pgPort, (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------------------------ Guestlist

    private Map<String, String> serverEnv(int port, int poolSize) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUESTLIST_PORT", Integer.toString(port));
        env.put("GUESTLIST_DATABASE_URL", jdbcUrl);
        env.put("GUESTLIST_DATABASE_USER", "postgres");
        env.put("GUESTLIST_ADMIN_USERNAME", "bench_admin");
        env.put("GUESTLIST_ADMIN_PASSWORD", PASSWORD);
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "0");
        env.put("GUESTLIST_DATA_DIR", work.resolve("unused-data").toString());
        if (poolSize > 0) {
            env.put("GUESTLIST_DATABASE_POOL_SIZE", Integer.toString(poolSize));
        }
        if (options.workers > 0) {
            env.put("GUESTLIST_WORKER_THREADS", Integer.toString(options.workers));
        }
        return env;
    }

    private Proc startServer(String name, Map<String, String> env, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx" + options.xmx));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", options.jar.toString()));
        return Proc.start(command, env, work.resolve(name + ".log"));
    }

    /**
     * A first start migrates the empty database and creates the admin (not counted); then
     * {@code starts} starts on the migrated database are timed from process start to a healthy
     * {@code /api/v4/health}. The last one stays up as the server under load.
     */
    private void measureStarts() throws Exception {
        serverPort = freePort();
        String health = "http://127.0.0.1:" + serverPort + "/api/v4/health";
        Path archive = work.resolve("guestlist.jsa");
        if (!options.smoke) {
            // also records the classes of a start for the AppCDS variant below
            try (Proc first = startServer("guestlist-migrate", serverEnv(serverPort, options.pool),
                    List.of("-XX:ArchiveClassesAtExit=" + archive))) {
                double ms = first.awaitHealthy(health, Duration.ofSeconds(120));
                log("first start (migrations, admin; records the AppCDS archive): %.0f ms", ms);
            }
        }
        boolean cds = Files.exists(archive);
        double[] times = new double[options.starts];
        double[] cpu = new double[options.starts];
        double[] cdsTimes = new double[cds ? options.starts : 0];
        double[] cdsCpu = new double[cdsTimes.length];
        // interleaved, so that both variants see the same machine
        for (int i = 0; i < options.starts; i++) {
            if (cds) {
                try (Proc proc = startServer("guestlist-cds", serverEnv(serverPort, options.pool),
                        List.of("-XX:SharedArchiveFile=" + archive))) {
                    cdsTimes[i] = proc.awaitHealthy(health, Duration.ofSeconds(120));
                    cdsCpu[i] = proc.cpuSeconds();
                }
            }
            List<String> jvm = new ArrayList<>();
            boolean last = i == options.starts - 1;
            if (last && options.jfr) {
                jvm.add("-XX:StartFlightRecording=filename=" + work.resolve("guestlist.jfr")
                        + ",settings=profile,dumponexit=true");
            }
            Proc proc = startServer("guestlist", serverEnv(serverPort, options.pool), jvm);
            times[i] = proc.awaitHealthy(health, Duration.ofSeconds(120));
            cpu[i] = proc.cpuSeconds();
            if (last) {
                server = proc;
            } else {
                proc.close();
            }
        }
        rows.add(startRow("start to healthy, external db", times, cpu));
        if (cds) {
            rows.add(startRow("start to healthy, with AppCDS archive", cdsTimes, cdsCpu));
        }
    }

    private Row startRow(String name, double[] times, double[] cpu) {
        double median = median(times);
        String wall = Arrays.toString(Arrays.stream(times).mapToLong(Math::round).toArray());
        log("%s: %s ms, median %.0f ms; CPU used by then: %s s", name, wall, median, Arrays.toString(cpu));
        notes.add(String.format(Locale.ROOT, "%s: wall %s ms; CPU seconds (user + system, all threads) used by the"
                        + " server when it first answered healthy: %s, median %.2f s (on an idle %d-core machine the"
                        + " wall time cannot be below about %.2f s)", name, wall, Arrays.toString(cpu), median(cpu),
                cores, median(cpu) / cores));
        Row row = Row.info(String.format(Locale.ROOT, "%s (median of %d)", name, times.length),
                String.format(Locale.ROOT, "%.0f ms", median));
        row.reference = "budget";
        row.referenceValue = "2000 ms";
        row.ratio = median / 2000.0;
        row.target = "<= 1.00";
        row.met = row.ratio <= 1.0;
        return row;
    }

    // ------------------------------------------------------------------------------ seeding

    private long deepCursorId;

    private void seed() throws Exception {
        long started = System.nanoTime();
        String hash = new Argon2PasswordHasher().hash(PASSWORD);
        execute("UPDATE local_site SET registration_mode = 'require_invitation', max_invites_per_user_allowed = 1000000");
        try (PreparedStatement users = sql.prepareStatement("""
                INSERT INTO local_user (name, password_hash, accepted_application)
                SELECT ? || i, ?, true FROM generate_series(0, ? - 1) i""")) {
            for (Object[] group : new Object[][] {{"login_", options.logins}, {"creator_", options.creators},
                    {"lister_", 1}, {"inviter_", 1}}) {
                users.setString(1, (String) group[0]);
                users.setString(2, hash);
                users.setInt(3, (Integer) group[1]);
                users.executeUpdate();
            }
        }
        firstCreator = queryLong("SELECT min(id) FROM local_user WHERE name LIKE 'creator\\_%'");
        lastCreator = queryLong("SELECT max(id) FROM local_user WHERE name LIKE 'creator\\_%'");
        listerId = queryLong("SELECT id FROM local_user WHERE name = 'lister_0'");
        long inviterId = queryLong("SELECT id FROM local_user WHERE name = 'inviter_0'");
        // sessions: the server keeps only the SHA-256 (hex) of each token
        execute("""
                INSERT INTO login_token (token_hash, local_user_id)
                SELECT encode(sha256(convert_to('bench' || md5('session' || id), 'UTF8')), 'hex'), id
                  FROM local_user WHERE name LIKE 'creator\\_%' OR name = 'lister_0'""");
        creatorTokens = writeLines("creator-tokens.txt", queryStrings(
                "SELECT 'bench' || md5('session' || id) FROM local_user WHERE name LIKE 'creator\\_%' ORDER BY id"));
        listerToken = writeLines("lister-token.txt", queryStrings(
                "SELECT 'bench' || md5('session' || id) FROM local_user WHERE name = 'lister_0'"));
        listerSessionHash = queryText("SELECT token_hash FROM login_token WHERE local_user_id = " + listerId);
        // the unlimited invite that registrations use
        try (PreparedStatement statement = sql.prepareStatement(
                "INSERT INTO local_user_invite (token, local_user_id) VALUES (?, ?)")) {
            statement.setString(1, INVITE_TOKEN);
            statement.setLong(2, inviterId);
            statement.executeUpdate();
        }
        // the lister's invites: the small table
        execute("INSERT INTO local_user_invite (token, local_user_id) SELECT md5('small' || g), " + listerId
                + " FROM generate_series(1, " + (options.smallInvites - 1) + ") g");
        execute("VACUUM ANALYZE");
        deepCursorId = deepCursor();
        log("seeded %d log-in users, %d creators with sessions, %,d invites (lister id %d, deep cursor id %d) in %.1f s",
                options.logins, options.creators, queryLong("SELECT count(*) FROM local_user_invite"), listerId,
                deepCursorId, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Fresh planner statistics before a listing is measured: the create scenarios before it add
     * thousands of other users' invites, which autovacuum would analyze soon enough in a real
     * database; without it the planner may walk the primary key instead of the creator's index.
     */
    private void analyze() throws SQLException {
        execute("ANALYZE local_user_invite");
    }

    /** The id after which the deep page starts: 90 % down the lister's invites (newest first). */
    private long deepCursor() throws SQLException {
        long held = queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId);
        long depth = Math.max(1, held * 9 / 10);
        // keyset, not OFFSET: the smallest id among the newest `depth`
        return queryLong("SELECT min(id) FROM (SELECT id FROM local_user_invite WHERE local_user_id = " + listerId
                + " ORDER BY id DESC LIMIT " + depth + ") newest");
    }

    /**
     * Grows the table to {@code largeInvites} rows, {@code listerLarge} of them the lister's,
     * spread through the id range among the creators' invites; all usable.
     */
    private void seedLarge() throws Exception {
        long started = System.nanoTime();
        long total = queryLong("SELECT count(*) FROM local_user_invite");
        long lister = queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId);
        long missing = Math.max(0, options.largeInvites - total);
        long listerMissing = Math.max(0, Math.min(missing, options.listerLarge - lister));
        long every = listerMissing == 0 ? Long.MAX_VALUE : Math.max(1, missing / listerMissing);
        long creators = lastCreator - firstCreator + 1;
        execute("INSERT INTO local_user_invite (token, local_user_id) SELECT md5('large' || g), CASE WHEN g % " + every
                + " = 0 AND g / " + every + " <= " + listerMissing + " THEN " + listerId + " ELSE " + firstCreator
                + " + g % " + creators + " END FROM generate_series(1, " + missing + ") g");
        execute("VACUUM ANALYZE local_user_invite");
        deepCursorId = deepCursor();
        log("grew local_user_invite to %,d rows (lister %,d, deep cursor id %d) in %.1f s",
                queryLong("SELECT count(*) FROM local_user_invite"),
                queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId), deepCursorId,
                (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------------------------ sweep

    /**
     * Registration p99 while a second Guestlist process sweeps {@code sweepRows} expired invites
     * (its own schedule, {@code GUESTLIST_INVITE_SWEEP_INTERVAL}), against p99 just before
     * without a sweep, with the same load and duration.
     */
    private void sweepWhileRegistering(String invite) throws Exception {
        String body = "{\"username\":\"{seq}\",\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD
                + "\"," + invite + "}";
        long started = System.nanoTime();
        long creators = lastCreator - firstCreator + 1;
        execute("INSERT INTO local_user_invite (token, local_user_id, published_at, expires_at)"
                + " SELECT md5('expired' || g), " + firstCreator + " + g % " + creators
                + ", now() - interval '2 days', now() - interval '1 day' + g * interval '1 microsecond'"
                + " FROM generate_series(1, " + options.sweepRows + ") g");
        execute("VACUUM ANALYZE local_user_invite");
        log("seeded %,d expired invites in %.1f s", options.sweepRows, (System.nanoTime() - started) / 1e9);

        Row without = hashBound("register, no sweep (baseline)", new Load.Spec("POST",
                "/api/v4/account/auth/register", body, null, prefix(), 1), options.warmupSeconds);

        int sweeperPort = freePort();
        Map<String, String> env = serverEnv(sweeperPort, 2);
        // long enough for the process to be up before the first sweep, so its start is not measured
        env.put("GUESTLIST_INVITE_SWEEP_INTERVAL", "PT" + options.sweepDelaySeconds + "S");
        Row during;
        long sweepStarted;
        try (Proc sweeper = startServer("guestlist-sweeper", env, List.of())) {
            sweeper.awaitHealthy("http://127.0.0.1:" + sweeperPort + "/api/v4/health", Duration.ofSeconds(120));
            sweepStarted = awaitSweepStart(sweeper, Duration.ofSeconds(options.sweepDelaySeconds + 30L));
            during = hashBound("register during the invite sweep", new Load.Spec("POST",
                    "/api/v4/account/auth/register", body, null, prefix(), 1), 0);
            long windowEnd = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (queryLong("SELECT count(*) FROM local_user_invite WHERE expires_at <= now()") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double sweepSeconds = (System.nanoTime() - sweepStarted) / 1e9;
            String line = sweeper.awaitLine("invite sweep deleted", Duration.ofSeconds(30));
            double window = (windowEnd - sweepStarted) / 1e9;
            notes.add(String.format(Locale.ROOT, "sweep: the second process deleted %,d expired invites in %.1f s"
                            + " (batches of 1,000); the measured registration window was %.1f s, %s",
                    options.sweepRows, sweepSeconds, window,
                    sweepSeconds >= window ? "all of it during the sweep"
                            : String.format(Locale.ROOT, "%.0f %% of it during the sweep", 100 * sweepSeconds / window)));
            log("sweeper: %s", line.replaceAll("^.* - ", ""));
        }
        compareP99(during, without, "p99 without sweep", "<= 2.00", 2.0);
    }

    /**
     * Polls pg_stat_activity until the sweep's DELETE runs (or the sweeper's log says a sweep
     * already ended: a small sweep can be over between two polls); returns System.nanoTime() then.
     */
    private long awaitSweepStart(Proc sweeper, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (queryLong("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%WITH doomed%'"
                    + " AND pid <> pg_backend_pid()") > 0 || sweeper.logContains("invite sweep deleted")) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the sweep did not start within " + timeout);
    }

    // ------------------------------------------------------------------------------ references

    /** Every measurement of each reference, by name, for the summary rows and the notes. */
    private final Map<String, List<Row>> references = new LinkedHashMap<>();
    private int barePort;

    private Row reference(Row row) {
        references.computeIfAbsent(row.name, ignored -> new ArrayList<>()).add(row);
        log("%s", row.describe());
        return row;
    }

    private Row refHashRate() throws Exception {
        Path log = work.resolve("hashrate-" + System.nanoTime() + ".log");
        List<String> command = List.of(javaCommand, "-Xmx" + options.xmx, "-cp", System.getProperty("java.class.path"),
                HashRate.class.getName(), Double.toString(options.hashSeconds), Integer.toString(cores),
                Double.toString(Math.max(1, options.warmupSeconds)));
        Proc proc = Proc.start(command, Map.of(), log);
        proc.waitFor(Duration.ofSeconds((long) (options.hashSeconds + options.warmupSeconds) + 120));
        Matcher matcher = Pattern.compile("HASHRATE (\\S+) (\\S+) (\\d+)").matcher(Files.readString(log));
        if (!matcher.find()) {
            throw new IllegalStateException("HashRate printed nothing: " + Files.readString(log));
        }
        Row row = new Row(String.format(Locale.ROOT, "ref: Argon2id m=19MiB t=2 p=1, %d threads", cores));
        row.perSecond = Double.parseDouble(matcher.group(1));
        row.p50 = Double.parseDouble(matcher.group(2));
        return reference(row);
    }

    private Proc startBareUndertow() throws Exception {
        barePort = freePort();
        int workers = options.workers > 0 ? options.workers : Math.max(16, cores * 8);
        List<String> command = List.of(javaCommand, "-Xmx" + options.xmx, "-cp", System.getProperty("java.class.path"),
                BareServer.class.getName(), Integer.toString(barePort), Integer.toString(workers));
        Proc bare = Proc.start(command, Map.of(), work.resolve("bare-undertow.log"));
        bare.awaitLine("BARE listening", Duration.ofSeconds(60));
        return bare;
    }

    private Row refBare() throws Exception {
        int workers = options.workers > 0 ? options.workers : Math.max(16, cores * 8);
        Load.Spec spec = new Load.Spec("GET", "/", null, null, "b", 1);
        String base = "http://127.0.0.1:" + barePort;
        if (options.warmupSeconds > 0) {
            load.run(base, spec, Math.min(options.warmupSeconds, options.refSeconds));
        }
        return reference(Row.of(String.format(Locale.ROOT, "ref: bare Undertow, fixed JSON (%d workers)", workers),
                load.run(base, spec, options.refSeconds)));
    }

    private String listerSessionHash;

    private Row refPgbench(String name, String script, Map<String, String> variables) throws Exception {
        if (!options.pgbench) {
            return null;
        }
        int clients = options.pool > 0 ? options.pool : Math.max(10, cores * 4);
        if (options.warmupSeconds > 0) {
            runPgbench(script, variables, clients, Math.min(options.warmupSeconds, options.refSeconds), null);
        }
        Path logs = work.resolve("pgbench-" + script.replace(".sql", "") + "-" + System.nanoTime());
        Files.createDirectories(logs);
        String output = runPgbench(script, variables, clients, options.refSeconds, logs);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps: " + output);
        }
        long[] latencies;
        try (Stream<Path> files = Files.list(logs)) {
            latencies = files.flatMap(Bench::lines).mapToLong(line -> Long.parseLong(line.split(" ")[2]))
                    .sorted().toArray();
        }
        Row row = new Row(name + " (" + clients + " conns)");
        row.perSecond = Double.parseDouble(tps.group(1));
        row.p50 = Load.percentile(latencies, 50) / 1e3;
        row.p99 = Load.percentile(latencies, 99) / 1e3;
        row.errors = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        return reference(row);
    }

    private String runPgbench(String script, Map<String, String> variables, int clients, double seconds, Path logs)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", "localhost", "-p", Integer.toString(pgPort),
                "-U", "postgres", "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, options.wrkThreads)),
                "-T", Long.toString(Math.max(1, Math.round(seconds))),
                "-f", root.resolve("bench/sql/" + script).toString()));
        variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
        if (logs != null) {
            command.addAll(List.of("-l", "--log-prefix=" + logs.resolve("tx")));
        }
        command.add("postgres");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor((long) seconds + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank());
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    // ------------------------------------------------------------------------------ scenarios

    private Row scenario(String name, Load.Spec spec) throws Exception {
        return scenario(name, spec, options.warmupSeconds, options.seconds);
    }

    /** With {@code connections} connections (one wrk thread each at most). */
    private Row scenario(String name, Load.Spec spec, int connections) throws Exception {
        Load narrow = new Load(load.engine(), root.resolve("bench/lua/scenario.lua"),
                Math.min(load.threads(), connections), connections);
        String base = "http://127.0.0.1:" + serverPort;
        if (options.warmupSeconds > 0) {
            narrow.run(base, spec, options.warmupSeconds);
        }
        Row row = Row.of(name, narrow.run(base, spec, options.seconds));
        rows.add(row);
        log("%s", row.describe());
        return row;
    }

    private Row hashBound(String name, Load.Spec spec, double warmup) throws Exception {
        return scenario(name, spec, warmup, options.hashBoundSeconds > 0 ? options.hashBoundSeconds : options.seconds);
    }

    private Row scenario(String name, Load.Spec spec, double warmup, double seconds) throws Exception {
        String base = "http://127.0.0.1:" + serverPort;
        if (warmup > 0) {
            Load.Spec warm = new Load.Spec(spec.method(), spec.path(), spec.body(), spec.tokens(), prefix(),
                    spec.randMax());
            load.run(base, warm, warmup);
        }
        Row row = Row.of(name, load.run(base, spec, seconds));
        rows.add(row);
        log("%s", row.describe());
        drain(base + "/api/v4/health");
        return row;
    }

    /**
     * Waits until the server has worked off the requests still queued when the load generator
     * stopped (a hash-bound scenario leaves every worker thread waiting for the hashing pool), so
     * that they do not count against the next scenario: until /health answers within 50 ms.
     */
    private static void drain(String health) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(health))
                .timeout(Duration.ofSeconds(30)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
            if (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(50)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static Row mean(Row first, Row second) {
        Row mean = new Row(first.name);
        mean.perSecond = (first.perSecond + second.perSecond) / 2;
        mean.p50 = (first.p50 + second.p50) / 2;
        mean.p99 = (first.p99 + second.p99) / 2;
        return mean;
    }

    /** Throughput against the mean of the reference measured before and after. */
    private void compare(Row row, String label, String target, double minimum, Row before, Row after) {
        if (before == null || after == null) {
            row.reference = label + ": n/a";
            return;
        }
        Row reference = mean(before, after);
        row.reference = label;
        row.referenceValue = String.format(Locale.ROOT, "%.1f/s", reference.perSecond);
        row.ratio = row.perSecond / reference.perSecond;
        row.target = target;
        row.met = row.ratio >= minimum;
    }

    /** A note with the ratio against a second reference, which the row's own ratio does not use. */
    private void noteRatio(Row row, String label, Row before, Row after) {
        if (before == null || after == null) {
            return;
        }
        Row reference = mean(before, after);
        notes.add(String.format(Locale.ROOT, "%s: %.2f of pgbench on %s (%.1f/s)", row.name,
                row.perSecond / reference.perSecond, label, reference.perSecond));
    }

    private void compareLatency(Row row, Row reference, String label, String target, double maximum) {
        row.reference = label;
        row.referenceValue = String.format(Locale.ROOT, "%.2f ms", reference.p50);
        row.ratio = row.p50 / reference.p50;
        row.target = target;
        row.met = row.ratio <= maximum;
    }

    private void compareP99(Row row, Row reference, String label, String target, double maximum) {
        row.reference = label;
        row.referenceValue = String.format(Locale.ROOT, "%.1f ms", reference.p99);
        row.ratio = row.p99 / reference.p99;
        row.target = target;
        row.met = row.ratio <= maximum;
    }

    private String prefix() {
        char letter = nextPrefix;
        nextPrefix = letter == 'z' ? 'A' : (char) (letter + 1);
        return "b" + letter;
    }

    private static String cursor(long afterId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("inv:" + afterId).getBytes(StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------------------------ output

    private void printTable(String machine, String loadBefore, String loadAfter) throws IOException {
        String[] header = {"scenario", "req/s", "p50 ms", "p99 ms", "errors", "reference", "ref value", "ratio",
                "target", "met"};
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(row.cells());
        }
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] line : cells) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("\n## Guestlist benchmark (").append(options.smoke ? "smoke" : "full").append(")\n\n");
        out.append("- machine: ").append(machine).append('\n');
        out.append("- load average (1/5/15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
                .append('\n');
        out.append(String.format(Locale.ROOT, "- load: %s, %.0f s per scenario after %.0f s warm-up; server -Xmx%s,"
                        + " pool %s, workers %s%n", load, options.seconds, options.warmupSeconds, options.xmx,
                options.pool > 0 ? options.pool : "default", options.workers > 0 ? options.workers : "default"));
        out.append('\n');
        appendLine(out, header, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < header.length; i++) {
            rule.append(i == 0 || i == 5 || i == 8 ? " :" : " ").append("-".repeat(Math.max(3, widths[i] - 1)))
                    .append(i == 0 || i == 5 || i == 8 ? " |" : ": |");
        }
        out.append(rule).append('\n');
        for (String[] line : cells) {
            appendLine(out, line, widths);
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        System.out.println(out);
        Files.writeString(work.resolve("results.md"), out);
        Files.writeString(root.resolve("bench/target/last-results.md"), out);
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            boolean left = i == 0 || i == 5 || i == 8;
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(left ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }

    private String machine() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll("^[^:]*:\\s*", "")).orElse(model);
        } catch (IOException ignored) {
            // not Linux
        }
        String memory = "?";
        try {
            long kib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
            memory = String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0);
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "nproc %d, %s RAM, %s, Java %s", cores, memory, model,
                System.getProperty("java.version"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException unreadable) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[bench " + LocalTime.now().withNano(0) + "] "
                + String.format(Locale.ROOT, format, args));
    }

    // ------------------------------------------------------------------------------ helpers

    private void stopAll() {
        if (server != null) {
            server.close();
        }
        try {
            if (sql != null) {
                sql.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException failed) {
                log("could not stop PostgreSQL: %s", failed);
            }
            deleteTree(work.resolve("postgres"));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    private List<String> statementsWith(String word) throws SQLException {
        return queryStrings("SELECT regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                + " WHERE query ~* '\\m" + word + "\\M' AND query NOT LIKE '%pg_stat_statements%'");
    }

    private void execute(String statement) throws SQLException {
        try (Statement s = sql.createStatement()) {
            s.execute(statement);
        }
    }

    private long queryLong(String query) throws SQLException {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String queryText(String query) throws SQLException {
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> queryStrings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private Path writeLines(String name, List<String> lines) throws IOException {
        Path file = work.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // ------------------------------------------------------------------------------ types

    /** One line of the table. */
    static final class Row {
        final String name;
        double perSecond = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long errors;
        String value;
        String reference = "";
        String referenceValue = "";
        double ratio = Double.NaN;
        String target = "";
        Boolean met;

        Row(String name) {
            this.name = name;
        }

        static Row of(String name, Load.Result result) {
            Row row = new Row(name);
            row.perSecond = result.perSecond();
            row.p50 = result.p50Ms();
            row.p99 = result.p99Ms();
            row.errors = result.errors();
            return row;
        }

        static Row info(String name, String value) {
            Row row = new Row(name);
            row.value = value;
            return row;
        }

        String[] cells() {
            return new String[] {
                    name,
                    value != null ? value : number(perSecond, 1),
                    value != null ? "" : number(p50, 2),
                    value != null ? "" : number(p99, 2),
                    value != null ? "" : Long.toString(errors),
                    reference,
                    referenceValue,
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio),
                    target,
                    met == null ? "" : met ? "yes" : "NO"};
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: %.1f req/s, p50 %.2f ms, p99 %.2f ms, %d errors", name, perSecond,
                    p50, p99, errors);
        }

        private static String number(double value, int decimals) {
            return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
        }
    }

    /** Command-line options; {@code --smoke} first sets tiny sizes, later options override. */
    static final class Options {
        boolean smoke;
        Path root = Path.of(".");
        Path jar;
        String loadgen = "auto";
        boolean pgbench = true;
        int wrkThreads = 2;
        int connections = 16;
        double seconds = 20;
        /** Seconds of the hash-bound scenarios (register, log in); 0 = as {@link #seconds}. */
        double hashBoundSeconds = 0;
        double warmupSeconds = 5;
        double hashSeconds = 10;
        /** Seconds of each reference measurement (bare Undertow, pgbench). */
        double refSeconds = 10;
        int starts = 5;
        int logins = 100;
        int creators = 1_000;
        int smallInvites = 1_000;
        long largeInvites = 1_000_000;
        long listerLarge = 10_000;
        long sweepRows = 1_000_000;
        int sweepDelaySeconds = 8;
        String xmx = "256m";
        int pool = 0;
        int workers = 0;
        boolean jfr;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                if (arg.equals("--smoke")) {
                    o.smoke = true;
                    o.seconds = 1;
                    o.hashBoundSeconds = 2;
                    o.connections = 4;
                    o.warmupSeconds = 0;
                    o.hashSeconds = 1;
                    o.refSeconds = 1;
                    o.starts = 1;
                    o.logins = 5;
                    o.creators = 20;
                    o.smallInvites = 100;
                    o.largeInvites = 2_000;
                    o.listerLarge = 500;
                    o.sweepRows = 5_000;
                    o.sweepDelaySeconds = 2;
                }
            }
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String v = kv.length > 1 ? kv[1] : "";
                switch (kv[0]) {
                    case "--smoke" -> { }
                    case "--root" -> o.root = Path.of(v);
                    case "--jar" -> o.jar = Path.of(v);
                    case "--loadgen" -> o.loadgen = v;
                    case "--no-pgbench" -> o.pgbench = false;
                    case "--threads" -> o.wrkThreads = Integer.parseInt(v);
                    case "--connections" -> o.connections = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Double.parseDouble(v);
                    case "--hash-bound-seconds" -> o.hashBoundSeconds = Double.parseDouble(v);
                    case "--warmup" -> o.warmupSeconds = Double.parseDouble(v);
                    case "--hash-seconds" -> o.hashSeconds = Double.parseDouble(v);
                    case "--ref-seconds" -> o.refSeconds = Double.parseDouble(v);
                    case "--starts" -> o.starts = Integer.parseInt(v);
                    case "--small" -> o.smallInvites = Integer.parseInt(v);
                    case "--large" -> o.largeInvites = Long.parseLong(v);
                    case "--lister-large" -> o.listerLarge = Long.parseLong(v);
                    case "--sweep-rows" -> o.sweepRows = Long.parseLong(v);
                    case "--xmx" -> o.xmx = v;
                    case "--pool" -> o.pool = Integer.parseInt(v);
                    case "--workers" -> o.workers = Integer.parseInt(v);
                    case "--jfr" -> o.jfr = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.jar == null) {
                o.jar = o.root.resolve("bootstrap/target/guestlist.jar");
            }
            if (o.loadgen.equals("auto")) {
                o.loadgen = onPath("wrk") ? "wrk" : "java";
            }
            if (o.pgbench && !onPath("pgbench")) {
                o.pgbench = false;
            }
            return o;
        }

        private static boolean onPath(String tool) {
            String path = System.getenv().getOrDefault("PATH", "");
            return Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        }
    }
}
