package guestlist.bench;

import static guestlist.bench.result.Target.atLeast;
import static guestlist.bench.result.Target.atMost;

import guestlist.bench.reference.BareUndertow;
import guestlist.bench.reference.HashRateReference;
import guestlist.bench.reference.Measurement;
import guestlist.bench.reference.Pgbench;
import guestlist.bench.reference.SodiumHashRate;
import guestlist.bench.result.Results;
import guestlist.bench.result.Row;
import guestlist.bench.system.Branches;
import guestlist.bench.system.Database;
import guestlist.bench.system.Load;
import guestlist.bench.system.Log;
import guestlist.bench.system.PageLoads;
import guestlist.bench.system.Seed;
import guestlist.bench.system.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the benchmark measures, in order, as lists of steps: each scenario, the reference it is
 * compared with and the target the ratio must meet. One list per state of the data: the small
 * table, the grown table, the sweep of expired invites, the small and the large invite tree, and
 * the branch ban.
 */
final class Plan {

    private static final String REGISTER = "/api/v4/account/auth/register";
    private static final String LOGIN = "/api/v4/account/auth/login";
    private static final String INVITES = "/api/v4/account/invite";
    private static final String INVITE_LIST = "/api/v4/account/invite/list";
    private static final String INVITE_TREE = "/api/v4/admin/invite/tree";
    private static final String INVITE_ANCESTRY = "/api/v4/admin/invite/ancestry";
    private static final String BAN = "/api/v4/admin/ban";

    private static final String REGISTER_WITH_INVITE = "register with an invite";
    private static final String CREATE_INVITE = "create invite";
    private static final String QUOTAS_ON = ", quotas on";

    private final Options options;
    private final Database database;
    private final Server server;
    private final Path work;
    private final Load load;
    private final Server.Running underTest;
    /** Shared by neighbouring comparisons: one measurement serves as the after of one, the before of the next. */
    private final Reference.Measured hashBoundLimit;

    private final Reference.Measured bareUndertow;

    Plan(Options options, Database database, Server server, Server.Running underTest, Load load, Path work) {
        this.options = options;
        this.database = database;
        this.server = server;
        this.underTest = underTest;
        this.load = load;
        this.work = work;
        this.hashBoundLimit = new Reference.Measured(
                "hash-bound limit",
                new HashRateReference(
                        options.jar(),
                        options.hasher(),
                        options.xmx(),
                        options.cores(),
                        options.hashSeconds(),
                        Math.max(1, options.warmupSeconds()),
                        work));
        this.bareUndertow = new Reference.Measured(
                "bare Undertow",
                new BareUndertow(
                        options.xmx(),
                        options.bareWorkers(),
                        load,
                        options.refSeconds(),
                        options.warmupSeconds(),
                        work));
    }

    /**
     * On the small table: register and log in against the hash rate; create and list invites
     * against pgbench on the SQL of the whole request (the session lookup and the use case's
     * statements; the use case's statements alone in the notes); register with an invite and create
     * invites with every invite quota on against the same just before with them off; the cost of
     * one page on one connection; the validity check and GET /site against the bare Undertow.
     */
    List<Step> onSmallTable(Seed seed) {
        String small = count(options.smallInvites());
        String lister = Long.toString(seed.listerId());
        String cursor = Long.toString(seed.deepCursorId());
        Map<String, String> creators = Map.of(
                "first_creator", Long.toString(seed.firstCreator()), "last_creator", Long.toString(seed.lastCreator()));
        Pgbench createRequest = pgbenchRequest("ref: pgbench create invite, request", "create_invite.sql", creators);
        Pgbench createAlone =
                pgbenchUseCase("ref: pgbench create invite, use case alone", "create_invite.sql", creators);
        Pgbench firstRequest = pgbenchRequest(
                "ref: pgbench list invites, first page, request",
                "list_invites_first.sql",
                Map.of("lister", lister, "session_hash", seed.listerSessionHash()));
        Pgbench firstAlone = firstPageAlone(seed);
        Pgbench deepRequest = pgbenchRequest(
                "ref: pgbench list invites, deep page, request",
                "list_invites_deep.sql",
                Map.of("lister", lister, "cursor", cursor, "session_hash", seed.listerSessionHash()));
        Pgbench deepAlone = pgbenchUseCase(
                "ref: pgbench list invites, deep page, use case alone",
                "list_invites_deep.sql",
                Map.of("lister", lister, "cursor", cursor));
        Load.Spec firstPage = Load.Spec.get(INVITE_LIST, seed.listerToken());
        Load.Spec deepPage = deepPage(seed);
        Load.Spec create = Load.Spec.post(INVITES, "{}", seed.creatorTokens());
        return List.of(
                Comparison.of(hashBound(REGISTER_WITH_INVITE, register()), hashBoundLimit, atLeast(0.80)),
                quotas(true),
                registerWithQuotas(),
                quotas(false),
                Comparison.of(hashBound("log in", login()), hashBoundLimit, atLeast(0.80)),
                hasherAgainstSodium(),
                Comparison.of(
                                steady(CREATE_INVITE, create),
                                against("pgbench create invite", createRequest),
                                atLeast(0.70))
                        .notingAlso(alone(createAlone)),
                quotas(true),
                createWithQuotas(create),
                quotas(false),
                // the create scenarios add thousands of other users' invites, which autovacuum would
                // analyze soon enough in a real database; without it the planner may walk the
                // primary key instead of the creator's index
                new Action(
                        "fresh planner statistics before a listing is measured",
                        results -> database.execute("ANALYZE local_user_invite")),
                Comparison.of(
                                steady("list invites, first page (" + small + ")", firstPage),
                                against("pgbench list, first page", firstRequest),
                                atLeast(0.50))
                        .notingAlso(alone(firstAlone)),
                Comparison.of(
                                steady("list invites, deep page (" + small + ")", deepPage),
                                against("pgbench list, deep page", deepRequest),
                                atLeast(0.60))
                        .notingAlso(alone(deepAlone)),
                // the cost of one page: one connection, so the latency is the service time, not a queue
                oneConnection(firstPageOnOneConnection(small), firstPage),
                oneConnection(deepPageOnOneConnection(small), deepPage),
                Comparison.of(
                        steady(
                                "invite validity, rate limit on",
                                Load.Spec.get(INVITES + "/validity?token=" + Seed.INVITE_TOKEN)),
                        bareUndertow,
                        atLeast(0.40)),
                Comparison.of(
                        steady("GET /site anonymous", Load.Spec.get("/api/v4/site")), bareUndertow, atLeast(0.80)));
    }

    /**
     * Guestlist's hasher against the fastest Argon2id on the machine, libsodium's, both on all cores
     * at the same settings: libsodium, Guestlist's, libsodium again (its mean, so that a change of the
     * machine's load shows in its spread); target 0.75. Register and log in against libsodium's rate
     * go into the notes. Left out, with a note, when the libsodium program is not built.
     */
    private Action hasherAgainstSodium() {
        SodiumHashRate sodium = new SodiumHashRate(
                options.sodiumHashRate(),
                options.cores(),
                options.hashSeconds(),
                Math.max(1, options.warmupSeconds()),
                work);
        return new Action("Guestlist's Argon2id against libsodium's", results -> {
            if (!sodium.available()) {
                results.note("libsodium reference not measured: " + options.sodiumHashRate()
                        + " is not built (bench/run.sh builds it with a C compiler and libsodium-dev)");
                Log.line("libsodium reference not measured: no %s", options.sodiumHashRate());
                return;
            }
            Row before = measured(sodium, results);
            Row ours = measured(hashBoundLimit.measurement(), results);
            Row after = measured(sodium, results);
            double libsodium = (before.perSecond() + after.perSecond()) / 2;
            results.scenario(Row.measured(
                            "Argon2id hashes/s, Guestlist's hasher, " + options.cores() + " threads",
                            ours.perSecond(),
                            ours.p50(),
                            Double.NaN,
                            0)
                    .judged(
                            "libsodium Argon2id",
                            Reference.Metric.THROUGHPUT.format(libsodium),
                            ours.perSecond() / libsodium,
                            atLeast(0.75)));
            for (String scenario : List.of(REGISTER_WITH_INVITE, "log in")) {
                results.scenario(scenario)
                        .ifPresent(row -> results.note(String.format(
                                Locale.ROOT,
                                "%s: %.2f of libsodium's Argon2id rate (%.1f/s)",
                                scenario,
                                row.perSecond() / libsodium,
                                libsodium)));
            }
        });
    }

    private static Row measured(Measurement measurement, Results results) throws Exception {
        Row row = measurement.measure();
        results.reference(row, measurement.remark());
        Log.line("%s", row.describe());
        return row;
    }

    /**
     * The server under test warmed up before anything of the table, the quotas, the heap or the flood
     * is measured: each throughput load of {@link #throughputLoads} for twice the warm-up seconds,
     * not counted. A scenario's own warm-up of a few seconds is enough once the server's JIT has
     * compiled the request paths, not before: on a fresh server the first register row measured 0.73
     * of the hash-bound limit while the same load a minute later measured 0.82, the compiler taking
     * its share of the two cores meanwhile. Nothing in smoke runs (no warm-up there).
     */
    List<Step> warmUp(Seed seed) {
        double seconds = 2 * options.warmupSeconds();
        if (seconds <= 0) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        throughputLoads(seed)
                .forEach((scenario, heapLoad) -> steps.add(new Action("warm-up, not counted: " + scenario, results -> {
                    SameLoad warmUp = new SameLoad(
                            scenario,
                            "",
                            heapLoad.spec(),
                            underTest,
                            load.with(options.connections()),
                            0,
                            seconds,
                            SameLoad.Setting.NONE,
                            SameLoad.Setting.NONE);
                    Log.line("warm-up, not counted: %s", warmUp.measure().describe());
                })));
        return steps;
    }

    /** The throughput loads of the small table, each with how long it is measured. */
    private Map<String, HeapLoad> throughputLoads(Seed seed) {
        Map<String, HeapLoad> loads = new LinkedHashMap<>();
        loads.put(REGISTER_WITH_INVITE, new HeapLoad(register(), options.hashBoundSeconds()));
        loads.put("log in", new HeapLoad(login(), options.hashBoundSeconds()));
        loads.put(CREATE_INVITE, new HeapLoad(Load.Spec.post(INVITES, "{}", seed.creatorTokens()), options.seconds()));
        loads.put(
                "list invites, first page",
                new HeapLoad(Load.Spec.get(INVITE_LIST, seed.listerToken()), options.seconds()));
        loads.put(
                "invite validity",
                new HeapLoad(Load.Spec.get(INVITES + "/validity?token=" + Seed.INVITE_TOKEN), options.seconds()));
        loads.put("GET /site anonymous", new HeapLoad(Load.Spec.get("/api/v4/site"), options.seconds()));
        return loads;
    }

    /**
     * Memory: the throughput scenarios of the small table on the server under test (its heap
     * {@code --xmx}, 128 MiB by default), each against the same load on a second server process with
     * the reference heap ({@code --reference-heap}, 256 MiB) right before and right after it, both on
     * the same database; target 0.95 (losing at most 5 %). The second server is warmed up first with
     * one round of every load, so that it is not compared cold with a server that has run for minutes.
     */
    List<Step> againstReferenceHeap(Seed seed, Server.Running referenceHeap) {
        Map<String, HeapLoad> loads = throughputLoads(seed);
        String reference = "-Xmx" + options.referenceHeap();
        Map<String, SameLoad> onReference = new LinkedHashMap<>();
        loads.forEach((scenario, heapLoad) -> onReference.put(
                scenario,
                new SameLoad(
                        "ref: " + scenario + ", " + reference + " (before and after)",
                        " (the heap row's reference: the same load on a server with " + reference
                                + " right before and right after it)",
                        heapLoad.spec(),
                        referenceHeap,
                        load.with(options.connections()),
                        options.warmupSeconds(),
                        heapLoad.seconds(),
                        SameLoad.Setting.NONE,
                        SameLoad.Setting.NONE)));
        List<Step> steps = new ArrayList<>();
        steps.add(new Action("warm up the server with " + reference, results -> {
            for (SameLoad each : onReference.values()) {
                Log.line("warm-up, not counted: %s", each.measure().describe());
            }
        }));
        loads.forEach((scenario, heapLoad) -> steps.add(Comparison.of(
                new Scenario(
                        scenario + ", -Xmx" + options.xmx(),
                        heapLoad.spec(),
                        options.connections(),
                        options.warmupSeconds(),
                        heapLoad.seconds(),
                        Scenario.Background.NOTHING),
                new Reference.Measured(reference, onReference.get(scenario)),
                atLeast(0.95))));
        return steps;
    }

    /** A load of the heap rows and how long it is measured. */
    private record HeapLoad(Load.Spec spec, double seconds) {}

    /**
     * Issue 12: the invite list at a fixed rate without and during a flood of concurrent log-ins
     * (rate limits off), and the log-ins that get through the flood against the hash-bound limit
     * ({@link LoginFlood}).
     */
    List<Step> duringLoginFlood(Seed seed, Server.Running underTest) throws IOException {
        String token = Files.readString(seed.listerToken()).trim();
        int accounts = Math.max(1, options.logins());
        LoginFlood flood = new LoginFlood(
                underTest.url(INVITE_LIST),
                token,
                options.listRate(),
                underTest.url(LOGIN),
                i -> "{\"username_or_email\":\"login_"
                        + ThreadLocalRandom.current().nextInt(accounts) + "\",\"password\":\"" + Seed.PASSWORD + "\"}",
                options.flood(),
                options.floodWarmupSeconds(),
                options.hashBoundSeconds(),
                hashBoundLimit.measurement());
        return List.of(flood.step());
    }

    /**
     * The quota rows of {@link #onSmallTable} alone ({@code --only=quotas}): register with an
     * invite, and create invites, with every quota on, each against the same load with them off
     * right before and right after.
     */
    List<Step> quotasAlone(Seed seed) {
        return List.of(
                quotas(true),
                registerWithQuotas(),
                createWithQuotas(Load.Spec.post(INVITES, "{}", seed.creatorTokens())),
                quotas(false));
    }

    /** Register with an invite, quotas on (on when it starts), against the same with them off before and after. */
    private Comparison registerWithQuotas() {
        Scenario on = hashBound(REGISTER_WITH_INVITE + QUOTAS_ON, register());
        return Comparison.of(on, quotasOff(REGISTER_WITH_INVITE, register(), on), atLeast(0.90));
    }

    /** Create invites, quotas on (on when it starts), against the same with them off before and after. */
    private Comparison createWithQuotas(Load.Spec create) {
        Scenario on = steady(CREATE_INVITE + QUOTAS_ON, create);
        return Comparison.of(on, quotasOff(CREATE_INVITE, create, on), atLeast(0.90));
    }

    /**
     * On the grown table: the cost of one page against the same page on the small table; in a full
     * run also pgbench on the first page of the grown table, in the notes.
     */
    List<Step> onLargeTable(Seed seed) {
        String small = count(options.smallInvites());
        String large = count(options.largeInvites());
        List<Step> steps = new ArrayList<>(List.of(
                Comparison.of(
                        oneConnection(firstPageOnOneConnection(large), Load.Spec.get(INVITE_LIST, seed.listerToken())),
                        new Reference.Earlier("p50 at " + small, firstPageOnOneConnection(small), Reference.Metric.P50),
                        atMost(1.20)),
                Comparison.of(
                        oneConnection(deepPageOnOneConnection(large), deepPage(seed)),
                        new Reference.Earlier("p50 at " + small, deepPageOnOneConnection(small), Reference.Metric.P50),
                        atMost(1.20))));
        Measurement grown = pgbenchUseCase(
                "ref: pgbench list invites, first page (" + large + ")",
                "list_invites_first.sql",
                Map.of("lister", Long.toString(seed.listerId())));
        if (grown.available() && !options.smoke()) {
            String atSmall = firstPageAlone(seed).name();
            steps.add(new Action("pgbench on the first page of the grown table", results -> {
                Row row = grown.measure();
                results.reference(row, grown.remark());
                Log.line("%s", row.describe());
                results.note(String.format(
                        Locale.ROOT,
                        "pgbench at %s invites: first page %.0f tx/s (p50 %.2f ms)" + " against %.0f at %s",
                        large,
                        row.perSecond(),
                        row.p50(),
                        results.referenceMean(atSmall),
                        small));
            }));
        }
        return steps;
    }

    /**
     * Registration p99 while a second Guestlist process sweeps the expired invites, against p99
     * just before without a sweep, with the same load and duration.
     */
    List<Step> duringSweep(Seed seed) {
        return List.of(
                new Action("expired invites for the sweep", results -> seed.addExpired(database, options.sweepRows())),
                hashBound("register, no sweep (baseline)", register()),
                Comparison.of(
                        hashBound("register during the invite sweep", register())
                                .withoutWarmUp()
                                .during(new Sweep(server, database, options.sweepRows(), options.sweepDelaySeconds())),
                        new Reference.Earlier(
                                "p99 without sweep", "register, no sweep (baseline)", Reference.Metric.P99),
                        atMost(2.00)));
    }

    /**
     * The admin's pages of the small invite tree, each on one connection (so that the latency is the
     * service time): the first and a deep page of the tree below its root, and of the ancestry of its
     * deepest account.
     */
    List<Step> onSmallTree(Branches.Tree small, Path adminToken) {
        return treePages(small, adminToken).stream()
                .map(page -> (Step) oneConnection(page.name(small), page.spec()))
                .toList();
    }

    /** The same pages of the large tree, each p50 against the same page's p50 on the small tree. */
    List<Step> onLargeTree(Branches.Tree large, Branches.Tree small, Path adminToken) {
        return treePages(large, adminToken).stream()
                .map(page -> (Step) Comparison.of(
                        oneConnection(page.name(large), page.spec()),
                        new Reference.Earlier(
                                "p50 at " + count(small.members()), page.name(small), Reference.Metric.P50),
                        atMost(1.20)))
                .toList();
    }

    /** One page of the admin's view of a tree, named without the tree's size. */
    private record TreePage(String what, Load.Spec spec) {

        /** Named with the tree's size: {@code what}, 1 connection (n accounts). */
        String name(Branches.Tree tree) {
            return what + ", 1 connection (" + count(tree.members()) + " accounts)";
        }
    }

    private static List<TreePage> treePages(Branches.Tree tree, Path adminToken) {
        String root = "?local_user_id=" + tree.rootId();
        String deepest = "?local_user_id=" + tree.deepestId();
        return List.of(
                new TreePage("invite tree, first page", Load.Spec.get(INVITE_TREE + root, adminToken)),
                new TreePage(
                        "invite tree, deep page",
                        Load.Spec.get(INVITE_TREE + root + "&page_cursor=" + tree.deepPageCursor(), adminToken)),
                new TreePage("ancestry, first page", Load.Spec.get(INVITE_ANCESTRY + deepest, adminToken)),
                new TreePage(
                        "ancestry, deep page",
                        Load.Spec.get(
                                INVITE_ANCESTRY + deepest + "&page_cursor=" + tree.ancestryDeepPageCursor(),
                                adminToken)));
    }

    /**
     * Registration p99 (through the bench's invite, outside the branch) while the admin bans a member
     * with its whole branch, every account of which holds an invite, against p99 of the same load
     * and duration without a ban, measured right before and right after (the mean of both).
     */
    List<Step> duringBranchBan(Branches.Branch branch, Server.Running underTest, Path adminToken) {
        Scenario during = hashBound("register during the branch ban", register())
                .withoutWarmUp()
                .during(new BranchBan(
                        underTest.url(BAN),
                        adminToken,
                        branch,
                        "POST /admin/ban, branch of " + count(options.banBranch()) + " (one request)"));
        return List.of(Comparison.of(
                during,
                new Reference.Measured(
                        "p99 without ban",
                        new SameLoad(
                                "ref: register, no branch ban (before and after)",
                                " (the branch ban row's reference: the same registrations right before and right"
                                        + " after it)",
                                register(),
                                underTest,
                                load.with(during.connections()),
                                options.warmupSeconds(),
                                during.seconds(),
                                SameLoad.Setting.NONE,
                                SameLoad.Setting.NONE),
                        Reference.Metric.P99),
                atMost(2.00)));
    }

    /**
     * The pages for people in headless chromium: each page's time to interactive against 300 ms and
     * its weight against 60 KiB ({@link PageLoads}); left out, with a note, without chromium.
     */
    List<Step> pages(Server.Running underTest, Path adminToken) {
        return List.of(new Action("the pages in headless chromium", results -> {
            if (!PageLoads.available()) {
                results.note("pages not measured: Debian's chromium and chromium-driver are not installed");
                Log.line("pages not measured: no chromium");
                return;
            }
            int loads = options.smoke() ? 3 : 20;
            for (Row row : PageLoads.measure(underTest, adminToken, options.smoke() ? 1 : 5, loads)) {
                results.scenario(row);
            }
        }));
    }

    /**
     * Turns every invite quota on, with limits that the benchmark never reaches (so that nothing is
     * refused and the figures compare the same work), or off again: a minimum account age of an
     * hour (the seeded accounts are a month old), 1,000 invites per member a day (the most the
     * setting allows; a full run creates about 150 per creator), 1,000,000 sign-ups through invites a
     * day. Registration and invite creation read the site in their own transaction, so the change
     * holds from the next request on.
     */
    private Action quotas(boolean on) {
        return new Action(
                on ? "invite quotas on, never reached" : "invite quotas off",
                results -> database.execute(on ? QUOTAS_ON_SQL : QUOTAS_OFF_SQL));
    }

    /** Every invite quota on, at limits the benchmark never reaches: see {@link #quotas}. */
    static final String QUOTAS_ON_SQL = "UPDATE local_site SET invite_min_account_age_hours = 1,"
            + " invites_per_user_per_day = 1000, invite_signups_per_day = 1000000";

    static final String QUOTAS_OFF_SQL = "UPDATE local_site SET invite_min_account_age_hours = 0,"
            + " invites_per_user_per_day = 0, invite_signups_per_day = 0";

    /**
     * The throughput of {@code scenario}'s load with the quotas off, measured right before and right
     * after the row with them on ({@link SameLoad}), for as many seconds as {@code like}.
     */
    private Reference.Measured quotasOff(String scenario, Load.Spec spec, Scenario like) {
        return new Reference.Measured(
                "quotas off",
                new SameLoad(
                        "ref: " + scenario + ", quotas off (before and after)",
                        " (the quota row's reference: quotas off right before and right after it)",
                        spec,
                        underTest,
                        load.with(like.connections()),
                        like.warmupSeconds(),
                        like.seconds(),
                        () -> database.execute(QUOTAS_OFF_SQL),
                        () -> database.execute(QUOTAS_ON_SQL)));
    }

    private static Load.Spec register() {
        return Load.Spec.post(
                REGISTER,
                "{\"username\":\"{seq}\",\"password\":\"" + Seed.PASSWORD + "\",\"password_verify\":\"" + Seed.PASSWORD
                        + "\",\"token\":\"" + Seed.INVITE_TOKEN + "\"}");
    }

    private Load.Spec login() {
        return Load.Spec.post(LOGIN, "{\"username_or_email\":\"login_{rand}\",\"password\":\"" + Seed.PASSWORD + "\"}")
                .withRandMax(options.logins());
    }

    private static Load.Spec deepPage(Seed seed) {
        return Load.Spec.get(INVITE_LIST + "?page_cursor=" + seed.deepPageCursor(), seed.listerToken());
    }

    private Pgbench firstPageAlone(Seed seed) {
        return pgbenchUseCase(
                "ref: pgbench list invites, first page, use case alone",
                "list_invites_first.sql",
                Map.of("lister", Long.toString(seed.listerId())));
    }

    /** All connections, warmed up, measured for the scenario seconds. */
    private Scenario steady(String name, Load.Spec spec) {
        return warmedUp(name, spec, options.connections(), options.seconds());
    }

    /** All connections, warmed up, measured for the hash-bound seconds. */
    private Scenario hashBound(String name, Load.Spec spec) {
        return warmedUp(name, spec, options.connections(), options.hashBoundSeconds());
    }

    /** One connection, so that the latency is the service time. */
    private Scenario oneConnection(String name, Load.Spec spec) {
        return warmedUp(name, spec, 1, options.seconds());
    }

    /** Warmed up, then measured with nothing in the background. */
    private Scenario warmedUp(String name, Load.Spec spec, int connections, double seconds) {
        return new Scenario(name, spec, connections, options.warmupSeconds(), seconds, Scenario.Background.NOTHING);
    }

    private static Reference.Measured against(String label, Measurement measurement) {
        return new Reference.Measured(label, measurement);
    }

    /** The use case's statements alone, for the notes. */
    private static Reference.Measured alone(Pgbench useCase) {
        return against("pgbench on the use case's SQL alone", useCase);
    }

    /** pgbench on {@code script} of bench/sql as one request sends it: the session lookup, then the use case. */
    private Pgbench pgbenchRequest(String name, String script, Map<String, String> variables) {
        return pgbench(name, script, true, variables);
    }

    /** pgbench on the use case's statements of {@code script} alone, without the request's session lookup. */
    private Pgbench pgbenchUseCase(String name, String script, Map<String, String> variables) {
        return pgbench(name, script, false, variables);
    }

    /**
     * pgbench on {@code script} of bench/sql, with its variable {@code request} set to {@code request};
     * its rows are named {@code name} and the connections.
     */
    private Pgbench pgbench(String name, String script, boolean request, Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.put("request", Boolean.toString(request));
        return new Pgbench(
                name,
                options.sql(script),
                all,
                options.pgbench(),
                database,
                options.pgbenchClients(),
                options.wrkThreads(),
                options.refSeconds(),
                options.warmupSeconds(),
                work);
    }

    private static String firstPageOnOneConnection(String invites) {
        return "list first page, 1 connection (" + invites + ")";
    }

    private static String deepPageOnOneConnection(String invites) {
        return "list deep page, 1 connection (" + invites + ")";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
