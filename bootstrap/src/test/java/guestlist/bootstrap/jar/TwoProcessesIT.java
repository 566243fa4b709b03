package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.PgBouncer;
import guestlist.testsupport.Ports;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.ShippedMigrations;
import guestlist.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two server processes on one database (SPEC §4: nothing that must be shared lives in one
 * process's memory, rate limits included, and the sweep is safe in several processes at once): the
 * real jar started twice at the same moment on an empty PostgreSQL that the test owns, a sweep every
 * second, behind a "proxy" on loopback ({@code GUESTLIST_TRUSTED_PROXIES=127.0.0.1}) so that the
 * test can be many clients through {@code X-Forwarded-For}, with rate limits of {@value #LIMIT} per
 * minute (the other tests' own requests, all from 127.0.0.1, stay well below them).
 *
 * <p>All of it twice ({@link Route}): the processes straight on PostgreSQL, and through a real
 * PgBouncer (Debian's) in transaction pooling with {@value #POOLER_SERVER_CONNECTIONS} server
 * connections for the two processes' pools of {@value #PROCESS_POOL} each, so that their
 * transactions share server connections, with the JDBC URL the README's "Running behind PgBouncer"
 * gives. PgBouncer is needed: {@code .ci/run} installs it from Debian when it is missing, and without
 * it the second round fails saying so (as {@code NginxIT} does without nginx).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TwoProcessesIT.Route.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoProcessesIT {

    /** How the two processes reach the database. */
    enum Route {
        /** Each process's pool connects to PostgreSQL. */
        DIRECT,
        /** Each process's pool connects to PgBouncer, which runs their transactions on a few server connections. */
        PGBOUNCER
    }

    /** The connections of each process's pool ({@code GUESTLIST_DATABASE_POOL_SIZE}). */
    private static final int PROCESS_POOL = 10;

    /** PgBouncer's server connections, for both processes together: fewer than either pool holds. */
    private static final int POOLER_SERVER_CONNECTIONS = 6;

    /** Expired invites to sweep: ten batches, so that the two sweeps have time to meet. */
    private static final int EXPIRED = 10_000;

    private static final Pattern SWEPT = Pattern.compile("invite sweep deleted (\\d+) expired invites");

    /**
     * Both rate limits, per address and minute: below 200, so each process asks the shared budget for
     * every request it admits (no lease; see the REST adapter's RateLimiter), and the count is exact.
     */
    private static final int LIMIT = 160;

    /** Requests each of the eight senders of a client sends: together twice the limit. */
    private static final int PER_SENDER = 2 * LIMIT / 8;

    @Parameter
    Route route;

    private Path work;
    private TestPostgres postgres;
    private PgBouncer bouncer;
    private ServerProcess a;
    private ServerProcess b;
    private HttpApi onA;
    private HttpApi onB;
    private String admin;
    private long adminId;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startTwoServersAtOnceOnAnEmptyDatabase() throws Exception {
        work = Files.createTempDirectory("guestlist-two-");
        postgres = TestPostgres.start();
        if (route == Route.PGBOUNCER) {
            assertThat(PgBouncer.installed())
                    .as("PgBouncer is needed for this test (README, \"Running behind PgBouncer\"): install Debian's"
                            + " package (apt-get install pgbouncer); .ci/run does when it is missing")
                    .isTrue();
            bouncer = PgBouncer.start(postgres, POOLER_SERVER_CONNECTIONS);
        }
        a = launch("a");
        b = launch("b");
        a.awaitHealthy(Duration.ofMinutes(2));
        b.awaitHealthy(Duration.ofMinutes(2));
        onA = a.api();
        onB = b.api();
        admin = onA.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        adminId = onA.myId(admin);
    }

    private ServerProcess launch(String name) {
        Map<String, String> env = ServerProcess.environment(Ports.free(), postgres);
        if (route == Route.PGBOUNCER) {
            env.put("GUESTLIST_DATABASE_URL", bouncer.jdbcUrl());
        }
        env.put("GUESTLIST_DATABASE_POOL_SIZE", Integer.toString(PROCESS_POOL));
        env.put("GUESTLIST_INVITE_SWEEP_INTERVAL", "PT1S");
        env.put("GUESTLIST_TRUSTED_PROXIES", "127.0.0.1");
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", Integer.toString(LIMIT));
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", Integer.toString(LIMIT));
        return ServerProcess.launch(name, env, work.resolve(name + ".log"));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopEverything() throws Exception {
        try {
            for (ServerProcess server : new ServerProcess[] {a, b}) {
                if (server != null && server.alive()) {
                    server.askToStop();
                    assertThat(server.awaitExit(Duration.ofSeconds(60))).isZero();
                }
            }
            for (ServerProcess server : new ServerProcess[] {a, b}) {
                if (server != null) {
                    assertThat(server.log())
                            .as("log of a process")
                            .doesNotContain("Exception")
                            .doesNotContain("ERROR")
                            .doesNotContain("invite sweep failed");
                }
            }
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            if (bouncer != null) {
                bouncer.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            Directories.deleteRecursively(work);
        }
    }

    @Test
    @Order(1)
    void bothProcessesStartedAtTheSameMomentOnAnEmptyDatabaseCameUpWithOneSchemaAndOneAdmin() {
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE admin"))
                .isEqualTo(1);
        assertThat(postgres.number("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .as("every migration, each once")
                .isEqualTo(ShippedMigrations.count());
        assertThat(postgres.number("SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                .isZero();
        long created = List.of(a, b).stream()
                .filter(server -> server.log().contains("created the admin"))
                .count();
        assertThat(created)
                .as("one process created the admin, the other found it")
                .isEqualTo(1);
        assertThat(onB.myId(onB.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD)))
                .isEqualTo(adminId);
        for (ServerProcess server : List.of(a, b)) {
            assertThat(server.log()).doesNotContain("Exception").doesNotContain("ERROR");
        }
    }

    @Test
    @Order(2)
    void aSessionMadeOnOneProcessWorksOnTheOtherUntilItEndsOnEither() {
        HttpApi.expect(onA.put("/site", HttpApi.object("registration_mode", "open"), admin), 200, "open the site");
        HttpApi.expect(onA.register("both_ways", null), 200, "register on A");
        String session = onA.login("both_ways", Credentials.PASSWORD);
        long id = onA.myId(session);

        assertThat(onB.myId(session)).as("A's session on B").isEqualTo(id);
        String inviteMadeOnB = onB.createInvite(session, "max_uses", 3);
        assertThat(onA.get("/account/invite/list", session).body().path("items").findValuesAsText("token"))
                .as("B's invite listed on A")
                .containsExactly(inviteMadeOnB);

        HttpApi.expect(onB.post("/account/auth/logout", HttpApi.object(), session), 200, "log out on B");
        HttpApi.Answer afterLogout = onA.get("/account", session);
        assertThat(afterLogout.status()).as("%s", afterLogout).isEqualTo(401);
        assertThat(afterLogout.error()).isEqualTo("not_logged_in");
    }

    @Test
    @Order(3)
    void anAdminSettingChangedOnOneProcessIsSeenOnTheOtherAndTheCapHoldsAcrossBoth() {
        HttpApi.expect(
                onA.put(
                        "/site",
                        HttpApi.object(
                                "name",
                                "Seen on B",
                                "registration_mode",
                                "open",
                                "max_invites_per_user_allowed",
                                3,
                                "application_question",
                                "Who sent you?"),
                        admin),
                200,
                "PUT on A");

        // B may show its copy of the site, at most one second old, before it shows the edit
        HttpApi.Answer site = siteOnBOnceItShows("Seen on B", Duration.ofSeconds(3));
        assertThat(site.body().at("/site_view/site/name").asText()).isEqualTo("Seen on B");
        assertThat(site.body().at("/site_view/local_site/registration_mode").asText())
                .isEqualTo("open");
        assertThat(site.body()
                        .at("/site_view/local_site/max_invites_per_user_allowed")
                        .asInt())
                .isEqualTo(3);
        assertThat(site.body().at("/site_view/local_site/application_question").asText())
                .isEqualTo("Who sent you?");

        HttpApi.expect(onB.register("capped_member", null), 200, "register on B");
        String member = onB.login("capped_member", Credentials.PASSWORD);
        onA.createInvite(member);
        onB.createInvite(member);
        onA.createInvite(member);
        HttpApi.Answer fourth = onB.post("/account/invite", HttpApi.object(), member);
        assertThat(fourth.status()).as("%s", fourth).isEqualTo(403);
        assertThat(fourth.error()).isEqualTo("too_many_invites");

        HttpApi.expect(onB.put("/site", HttpApi.object("registration_mode", "closed"), admin), 200, "close on B");
        HttpApi.Answer closed = onA.register("too_late", null);
        assertThat(closed.error()).as("B's change seen on A: %s", closed).isEqualTo("registration_closed");
        HttpApi.expect(onB.put("/site", HttpApi.object("registration_mode", "open"), admin), 200, "open again on B");
    }

    @Test
    @Order(4)
    void theLastUsesOfAnInviteRacedFromBothProcessesHaveExactlyMaxUsesWinners() throws Exception {
        HttpApi.expect(onA.put("/site", HttpApi.object("registration_mode", "require_invitation"), admin), 200, "mode");
        List<String> report = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            String invite = onA.createInvite(admin, "max_uses", 6);
            String prefix = "race" + round + "_";
            Map<String, Integer> outcomes = new TreeMap<>();
            Map<String, Integer> winnersByProcess = new TreeMap<>();
            ExecutorService racers = Executors.newFixedThreadPool(40);
            try {
                CyclicBarrier start = new CyclicBarrier(40);
                List<Future<HttpApi.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    HttpApi api = i % 2 == 0 ? onA : onB;
                    String name = prefix + i;
                    answers.add(racers.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return api.register(name, invite);
                    }));
                }
                for (int i = 0; i < answers.size(); i++) {
                    HttpApi.Answer answer = answers.get(i).get(120, TimeUnit.SECONDS);
                    outcomes.merge(
                            answer.status() + " " + (answer.error() == null ? "" : answer.error()), 1, Integer::sum);
                    if (answer.status() == 200) {
                        winnersByProcess.merge(i % 2 == 0 ? "a" : "b", 1, Integer::sum);
                    }
                }
            } finally {
                racers.shutdownNow();
            }

            assertThat(outcomes)
                    .as("round %d", round)
                    .containsOnly(entry("200 ", 6), entry("400 invalid_invite_token", 34));
            String named = prefix.replace("_", "\\_") + "%";
            assertThat(postgres.number("SELECT count(*) FROM local_user WHERE name LIKE ?", named))
                    .isEqualTo(6);
            assertThat(postgres.number(
                            "SELECT count(*) FROM local_user WHERE name LIKE ? " + "AND invited_by_local_user_id = ?",
                            named,
                            adminId))
                    .isEqualTo(6);
            assertThat(postgres.number("SELECT count(*) FROM local_user_invite WHERE token = ?", invite))
                    .as("the used-up invite is deleted")
                    .isZero();
            report.add("round " + round + ": " + outcomes + " winners by process " + winnersByProcess);
        }
        System.out.println(route + ": two processes, last-use race of 40 (20 per process) for max_uses 6: " + report);
    }

    @Test
    @Order(5)
    void bothSweepsRunningAtOnceDeleteEveryExpiredInviteOnceAndKeepTheOthers() throws Exception {
        int logA = a.log().length();
        int logB = b.log().length();
        // well-formed tokens (32 URL-safe characters); the rows of this test are marked in published_at
        String marker = "2001-01-01 00:00:00+00";
        postgres.update("""
                INSERT INTO local_user_invite (token, local_user_id, expires_at, published_at)
                SELECT md5('expired' || g), ?, now() - interval '1 minute' * g, ?::timestamptz
                  FROM generate_series(1, ?) g""", adminId, marker, EXPIRED);
        postgres.update("""
                INSERT INTO local_user_invite (token, local_user_id, expires_at, published_at)
                SELECT md5('later' || g), ?, CASE WHEN g % 2 = 0 THEN now() + interval '1 day' END, ?::timestamptz
                  FROM generate_series(1, 200) g""", adminId, marker);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (postgres.number(
                        "SELECT count(*) FROM local_user_invite WHERE published_at = ?::timestamptz "
                                + "AND expires_at <= now()",
                        marker)
                > 0) {
            assertThat(System.nanoTime())
                    .as("the sweeps delete the expired invites")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1_500); // a sweep that found nothing more has had its turn

        assertThat(postgres.number(
                        "SELECT count(*) FROM local_user_invite WHERE published_at = ?::timestamptz", marker))
                .as("unexpired and never-expiring invites are kept")
                .isEqualTo(200);
        int byA = swept(a.log().substring(logA));
        int byB = swept(b.log().substring(logB));
        assertThat(byA + byB)
                .as("each expired invite deleted once, by one of the two")
                .isEqualTo(EXPIRED);
        for (ServerProcess server : List.of(a, b)) {
            assertThat(server.log())
                    .doesNotContain("invite sweep failed")
                    .doesNotContain("Exception")
                    .doesNotContain("ERROR");
        }
        System.out.printf(
                "%s: two processes sweeping %d expired invites every second: a deleted %d, b deleted %d%n",
                route, EXPIRED, byA, byB);
    }

    @Test
    @Order(6)
    void oneMembersCreatesRacedFromBothProcessesStopAtTheDailyLimit() throws Exception {
        HttpApi.expect(
                onA.put(
                        "/site",
                        HttpApi.object(
                                "registration_mode",
                                "open",
                                "max_invites_per_user_allowed",
                                1_000,
                                "invites_per_user_per_day",
                                5),
                        admin),
                200,
                "daily limit 5 on A");
        HttpApi.expect(onB.register("daily_member", null), 200, "register on B");
        String member = onB.login("daily_member", Credentials.PASSWORD);
        long memberId = onA.myId(member);

        Map<String, Integer> outcomes =
                race(30, i -> () -> (i % 2 == 0 ? onA : onB).post("/account/invite", HttpApi.object(), member));

        assertThat(outcomes).containsOnly(entry("200 ", 5), entry("403 invite_daily_limit_reached", 25));
        assertThat(postgres.number("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", memberId))
                .isEqualTo(5);
        assertThat(postgres.number("SELECT count(*) FROM invite_creation WHERE local_user_id = ?", memberId))
                .isEqualTo(5);
        HttpApi.expect(onB.put("/site", HttpApi.object("invites_per_user_per_day", 0), admin), 200, "limit off");
        System.out.println(
                route + ": two processes, 30 creates (15 per process) with invites_per_user_per_day 5: " + outcomes);
    }

    @Test
    @Order(7)
    void registrationsThroughSeveralInvitesRacedFromBothProcessesStopAtTheDailySignupLimit() throws Exception {
        // the sign-ups through invites of the tests before count too: the limit is 7 above them
        long before =
                postgres.number("SELECT count(*) FROM invite_signup WHERE published_at > now() - interval '24 hours'");
        HttpApi.expect(
                onA.put(
                        "/site",
                        HttpApi.object("registration_mode", "require_invitation", "invite_signups_per_day", before + 7),
                        admin),
                200,
                "sign-up limit on A");
        List<String> invites = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            invites.add((n % 2 == 0 ? onA : onB).createInvite(admin, "max_uses", 20));
        }

        Map<String, Integer> outcomes =
                race(40, i -> () -> (i % 2 == 0 ? onA : onB).register("paused_" + i, invites.get(i % invites.size())));

        assertThat(outcomes).containsOnly(entry("200 ", 7), entry("403 invite_signups_paused", 33));
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE name LIKE 'paused\\_%'"))
                .isEqualTo(7);
        long uses = 0;
        for (String invite : invites) {
            uses += postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite);
        }
        assertThat(uses).as("one use per account, none for the refused").isEqualTo(7);
        assertThat(postgres.number(
                        "SELECT count(*) FROM invite_signup WHERE published_at > now() - interval '24 hours'"))
                .isEqualTo(before + 7);
        HttpApi.expect(onB.put("/site", HttpApi.object("invite_signups_per_day", 0), admin), 200, "limit off");
        System.out.println(
                route + ": two processes, 40 registrations (20 per process) over 4 invites with 7 sign-ups left: "
                        + outcomes);
    }

    /**
     * Runs {@code racers} requests on threads of their own, released together, and tallies their
     * answers as {@code "<status> <error code>"}.
     */
    private static Map<String, Integer> race(int racers, IntFunction<Callable<HttpApi.Answer>> racer) throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<HttpApi.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<HttpApi.Answer> request = racer.apply(i);
                answers.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return request.call();
                }));
            }
            for (Future<HttpApi.Answer> answer : answers) {
                HttpApi.Answer done = answer.get(120, TimeUnit.SECONDS);
                outcomes.merge(done.status() + " " + (done.error() == null ? "" : done.error()), 1, Integer::sum);
            }
        } finally {
            threads.shutdownNow();
        }
        return outcomes;
    }

    /**
     * The rate limits are one set for both processes (SPEC §4, §5): clients behind the proxy, each
     * named by {@code X-Forwarded-For}, send twice the limit at once, half to each process; together
     * the processes admit exactly the limit per client, for the validity checks and for the budget of
     * register, log-in and password changes (registrations that fail their form, answered before any
     * password is hashed, still count).
     */
    @Test
    @Order(8)
    void bothProcessesTogetherAdmitTheLimitPerAddressNotTwiceIt() throws Exception {
        RawClient proxyToA = new RawClient(a.port()).from("127.0.0.1");
        RawClient proxyToB = new RawClient(b.port()).from("127.0.0.1");
        Map<String, Map<String, Integer>> report = new TreeMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (String limit : List.of("validity", "auth")) {
                for (int client = 1; client <= 2; client++) {
                    String forwardedFor = "X-Forwarded-For: 198.51.100." + client + (limit.equals("auth") ? "0" : "");
                    CyclicBarrier start = new CyclicBarrier(8);
                    List<Future<Map<String, Integer>>> senders = new ArrayList<>();
                    for (int sender = 0; sender < 8; sender++) {
                        RawClient to = sender % 2 == 0 ? proxyToA : proxyToB;
                        String process = sender % 2 == 0 ? "a" : "b";
                        senders.add(clients.submit(() -> {
                            start.await(30, TimeUnit.SECONDS);
                            Map<String, Integer> outcomes = new TreeMap<>();
                            for (int i = 0; i < PER_SENDER; i++) {
                                RawClient.Response answer = limit.equals("validity")
                                        ? to.send(
                                                "GET",
                                                "/api/v4/account/invite/validity?token=" + "x".repeat(32),
                                                List.of(forwardedFor),
                                                null)
                                        : to.send(
                                                "POST",
                                                "/api/v4/account/auth/register",
                                                List.of(forwardedFor, "Content-Type: application/json"),
                                                "{}".getBytes(StandardCharsets.UTF_8));
                                String outcome = answer.status() == 429 ? "refused" : "admitted by " + process;
                                outcomes.merge(outcome, 1, Integer::sum);
                                if (answer.status() == 429) {
                                    assertThat(answer.header("Retry-After")).isPresent();
                                } else {
                                    assertThat(answer.status())
                                            .as("%s", answer)
                                            .isEqualTo(limit.equals("validity") ? 200 : 400);
                                }
                            }
                            return outcomes;
                        }));
                    }
                    Map<String, Integer> outcomes = new TreeMap<>();
                    for (Future<Map<String, Integer>> sender : senders) {
                        sender.get(120, TimeUnit.SECONDS).forEach((key, n) -> outcomes.merge(key, n, Integer::sum));
                    }
                    int admitted =
                            outcomes.getOrDefault("admitted by a", 0) + outcomes.getOrDefault("admitted by b", 0);
                    assertThat(admitted)
                            .as("%s, client %d: %s", limit, client, outcomes)
                            .isEqualTo(LIMIT);
                    assertThat(outcomes.get("refused")).isEqualTo(LIMIT);
                    report.put(limit + " " + forwardedFor.substring("X-Forwarded-For: ".length()), outcomes);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(postgres.number("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE ?", LIMIT + "|%|198.51.100.%"))
                .as("one shared budget per limit and client")
                .isEqualTo(4);
        System.out.println(
                route + ": two processes, 2 x " + LIMIT + " requests per client at once, half to each: " + report);
    }

    /**
     * The route was the one named: straight on PostgreSQL, the server sees the two pools'
     * connections; through PgBouncer, the pools' connections end at PgBouncer (it logs each client's
     * log-in) and the server sees no more than PgBouncer's few, which every transaction of the tests
     * before shared.
     */
    @Test
    @Order(9)
    void theProcessesReachedTheDatabaseByTheirRoute() throws Exception {
        long serverConnections = postgres.number(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'postgres' AND application_name = 'guestlist'");
        if (route == Route.DIRECT) {
            assertThat(serverConnections)
                    .as("the pools' connections, straight on the server")
                    .isGreaterThan(POOLER_SERVER_CONNECTIONS);
            return;
        }
        long clientConnections =
                PgBouncer.CLIENT_LOGIN.matcher(bouncer.log()).results().count();
        assertThat(clientConnections)
                .as("the pools' connections, at PgBouncer")
                .isGreaterThan(POOLER_SERVER_CONNECTIONS);
        assertThat(serverConnections)
                .as("PgBouncer's connections to the server")
                .isBetween(1L, (long) POOLER_SERVER_CONNECTIONS);
        assertThat(bouncer.log()).doesNotContain("ERROR").doesNotContain("WARNING");
        System.out.printf(
                "%s: %d client connections of the two processes, %d server connections%n",
                route, clientConnections, serverConnections);
    }

    private static int swept(String log) {
        int total = 0;
        Matcher matcher = SWEPT.matcher(log);
        while (matcher.find()) {
            total += Integer.parseInt(matcher.group(1));
        }
        return total;
    }

    /**
     * B's {@code GET /site}, asked every 50 ms until it shows the site's new name; fails when it has
     * not within {@code patience} (each process keeps its copy of the site for at most one second).
     */
    private HttpApi.Answer siteOnBOnceItShows(String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpApi.Answer site = onB.get("/site", null);
            HttpApi.expect(site, 200, "GET /site on B");
            if (site.body().at("/site_view/site/name").asText().equals(name) || System.nanoTime() > deadline) {
                return site;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for B's site", interrupted);
            }
        }
    }
}
