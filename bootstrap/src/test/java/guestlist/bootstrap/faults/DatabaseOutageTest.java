package guestlist.bootstrap.faults;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.testsupport.Backends;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running server and comes back (SPEC §3 {@code service_unavailable}):
 * the real wiring in-process on a PostgreSQL that the test stops and starts again on the same data
 * directory and port. While it is down, every use case answers {@code 503 service_unavailable}
 * in the error envelope within 5 s (the pool waits 2 s for a connection), never 500 and never a
 * hang; once it is back, the same server works again, with the data from before.
 */
class DatabaseOutageTest {

    /** The pool's 2 s wait for a connection, and room for a busy machine. */
    private static final Duration QUICK = Duration.ofSeconds(5);
    /** The adapter's 10 s wait for an answer of a database that stopped answering, and room. */
    private static final Duration FROZEN_PATIENCE = Duration.ofSeconds(20);
    /** How long the server may take to notice that the database is back. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private TestPostgres postgres;
    private Guestlist guestlist;
    private HttpApi api;

    @BeforeEach
    void start() {
        postgres = TestPostgres.start();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUESTLIST_PORT", "0");
        env.put("GUESTLIST_MANAGEMENT_PORT", "0");
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl());
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        env.put("GUESTLIST_ADMIN_USERNAME", ADMIN_NAME);
        env.put("GUESTLIST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "0");
        guestlist = Guestlist.start(Settings.fromEnvironment(env));
        api = new HttpApi(guestlist.port());
    }

    /** The loads a test started: stopped after it too, so that a failed test leaves no client running. */
    private final List<Load> loads = new ArrayList<>();

    private Load started(Load load) {
        loads.add(load);
        return load;
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Load load : loads) {
            load.stop();
        }
        try {
            if (guestlist != null) {
                guestlist.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** An answer and when it arrived. */
    private record Answered(HttpApi.Answer answer, long atNanos) {

        static Answered now(HttpApi.Answer answer) {
            return new Answered(answer, System.nanoTime());
        }

        CutOff sinceStop(long stoppingNanos) {
            return new CutOff(answer, Duration.ofNanos(atNanos - stoppingNanos));
        }
    }

    /** The answer of a request in flight when the database stopped, and how long after the stop began it came. */
    private record CutOff(HttpApi.Answer answer, Duration afterStop) {}

    /** One call of the API as a client makes it, by name. */
    private record Call(String name, Supplier<HttpApi.Answer> request) {}

    @Test
    void whileTheDatabaseIsDownEveryUseCaseAnswersServiceUnavailableQuicklyAndAllWorksAgainWhenItIsBack()
            throws Exception {
        // before: a site, an admin, a member with a session, an invite with one use taken, an application
        String admin = api.login(ADMIN_NAME, ADMIN_PASSWORD);
        long adminId = api.myId(admin);
        HttpApi.expect(api.put("/site", object("registration_mode", "open"), admin), 200, "open the site");
        HttpApi.Answer registered = api.register("before_member", null);
        HttpApi.expect(registered, 200, "register before");
        String member = registered.jwt();
        long memberId = api.myId(member);
        String invite = api.createInvite(member, "max_uses", 1_000);
        HttpApi.expect(api.register("before_invited", invite), 200, "register with the invite before");
        HttpApi.expect(
                api.put(
                        "/site",
                        object("registration_mode", "require_application", "application_question", "why?"),
                        admin),
                200,
                "ask for applications");
        HttpApi.expect(
                api.post(
                        "/account/auth/register",
                        object(
                                "username",
                                "before_applicant",
                                "password",
                                Credentials.PASSWORD,
                                "password_verify",
                                Credentials.PASSWORD,
                                "answer",
                                "because"),
                        null),
                200,
                "apply before");
        long applicantId = postgres.number("SELECT id FROM local_user WHERE name = 'before_applicant'");
        long applicationId =
                postgres.number("SELECT id FROM registration_application WHERE local_user_id = ?", applicantId);
        HttpApi.expect(api.put("/site", object("registration_mode", "open"), admin), 200, "open the site again");
        HttpApi.expect(api.get("/health", null), 200, "health before");

        AtomicInteger fresh = new AtomicInteger();
        List<Call> everyUseCase = List.of(
                new Call("GET /health", () -> api.get("/health", null)),
                new Call("GET /site", () -> api.get("/site", null)),
                new Call("GET /site with a session", () -> api.get("/site", member)),
                new Call("PUT /site", () -> api.put("/site", object("name", "Renamed"), admin)),
                new Call("register", () -> api.register("down_" + fresh.incrementAndGet(), null)),
                new Call("register with an invite", () -> api.register("down_" + fresh.incrementAndGet(), invite)),
                new Call(
                        "log-in",
                        () -> api.post(
                                "/account/auth/login",
                                object("username_or_email", "before_member", "password", Credentials.PASSWORD),
                                null)),
                new Call("log-out", () -> api.post("/account/auth/logout", object(), member)),
                new Call("GET /account", () -> api.get("/account", member)),
                new Call("create invite", () -> api.post("/account/invite", object("max_uses", 5), member)),
                new Call("list invites", () -> api.get("/account/invite/list", member)),
                new Call("revoke invite", () -> api.delete("/account/invite", object("token", invite), member)),
                new Call("validity", () -> api.get("/account/invite/validity?token=" + HttpApi.encode(invite), null)),
                new Call("list applications", () -> api.get("/admin/registration_application/list", admin)),
                new Call(
                        "get application",
                        () -> api.get("/admin/registration_application?person_id=" + applicantId, admin)),
                new Call(
                        "decide application",
                        () -> api.put(
                                "/admin/registration_application/approve",
                                object("id", applicationId, "approve", true),
                                admin)),
                new Call("list users", () -> api.get("/admin/users?banned_only=true", admin)),
                new Call(
                        "ban",
                        () -> api.post(
                                "/admin/ban",
                                object(
                                        "person_id",
                                        applicantId,
                                        "ban",
                                        true,
                                        "reason",
                                        "spam",
                                        "include_invitees",
                                        true),
                                admin)),
                new Call("invite tree", () -> api.get("/admin/invite/tree?local_user_id=" + memberId, admin)),
                new Call("ancestry", () -> api.get("/admin/invite/ancestry?local_user_id=" + applicantId, admin)),
                new Call("a user's invites", () -> api.get("/admin/invite/list?local_user_id=" + memberId, admin)),
                new Call(
                        "revoke all",
                        () -> api.post(
                                "/admin/invite/revoke_all",
                                object("local_user_id", applicantId, "include_invitees", true, "reason", "down"),
                                admin)),
                new Call(
                        "invite permission",
                        () -> api.put(
                                "/admin/invite/permission",
                                object("local_user_id", applicantId, "can_invite", false, "reason", "down"),
                                admin)),
                new Call("moderation log", () -> api.get("/admin/invite/log", admin)));

        // a steady load from a few clients, across the outage and the recovery: through a member of
        // its own, so that no request of the load waits for the row locks the test takes below (a
        // registration locks its inviter's account) and each one's time is its own
        HttpApi.Answer loadMember = api.register("load_member", null);
        HttpApi.expect(loadMember, 200, "register the load's member");
        String loadInvite = api.createInvite(loadMember.jwt(), "max_uses", 100_000);
        Load load = started(Load.start(4, api, loadInvite, loadMember.jwt()));
        Thread.sleep(500);

        // two transactions in flight when the database stops: held behind row locks the test takes. A
        // registration locks its inviter's account before the invite: the invite is the admin's, so
        // that the registration and the member's invite creation wait for two different rows, each
        // directly for the test's transaction
        String lockedInvite = api.createInvite(admin, "max_uses", 5);
        Map<String, CutOff> cutOff;
        long downAt;
        try (Connection holder = postgres.connect()) {
            holder.setAutoCommit(false);
            long holderPid = single(holder, "SELECT pg_backend_pid()");
            single(
                    holder,
                    "SELECT count(*) FROM (SELECT 1 FROM local_user_invite WHERE token = '" + lockedInvite
                            + "' FOR UPDATE) locked");
            single(
                    holder,
                    "SELECT count(*) FROM (SELECT 1 FROM local_user WHERE id IN (" + memberId + ", " + adminId
                            + ") FOR NO KEY UPDATE) locked");
            ExecutorService inFlight = Executors.newFixedThreadPool(2);
            Future<Answered> registration =
                    inFlight.submit(() -> Answered.now(api.register("inflight_reg", lockedInvite)));
            Future<Answered> creation =
                    inFlight.submit(() -> Answered.now(api.post("/account/invite", object(), member)));
            awaitBlockedBy(holderPid, 2);

            long stopping = System.nanoTime();
            postgres.stop();
            downAt = System.nanoTime();
            cutOff = Map.of(
                    "register cut off",
                    registration.get(60, TimeUnit.SECONDS).sinceStop(stopping),
                    "create invite cut off",
                    creation.get(60, TimeUnit.SECONDS).sinceStop(stopping));
            inFlight.shutdownNow();
        } catch (SQLException endedByTheStop) {
            throw new AssertionError("the test's own connection", endedByTheStop);
        }
        cutOff.forEach((call, cut) -> {
            HttpApi.Answer answer = cut.answer();
            assertThat(answer.status()).as("%s by the stop: %s", call, answer).isEqualTo(503);
            assertThat(answer.error()).as("%s: %s", call, answer).isEqualTo("service_unavailable");
            // from the moment the stop began (the request itself waited for the test's lock before)
            assertThat(cut.afterStop()).as("%s: %s", call, answer).isLessThan(QUICK);
        });

        Map<String, HttpApi.Answer> firstRound = callAll(everyUseCase);
        Thread.sleep(2_500);
        Map<String, HttpApi.Answer> laterRound = callAll(everyUseCase);
        // GET /site may still show its copy of the site, read at most one second before the stop
        // (SiteService); by the later round, 2.5 s on, the copy has expired and it is a 503 like all
        for (String siteCall : List.of("GET /site", "GET /site with a session")) {
            HttpApi.Answer early = firstRound.remove(siteCall);
            assertThat(early.status())
                    .as("%s just after the stop: %s", siteCall, early)
                    .isIn(200, 503);
            if (early.status() == 200) {
                assertThat(early.body()
                                .at("/site_view/local_site/registration_mode")
                                .asText())
                        .isEqualTo("open");
            }
        }
        for (Map<String, HttpApi.Answer> round : List.of(firstRound, laterRound)) {
            round.forEach((call, answer) -> {
                assertThat(answer.status())
                        .as("%s while the database is down: %s", call, answer)
                        .isEqualTo(503);
                assertThat(answer.error()).as("%s: %s", call, answer).isEqualTo("service_unavailable");
                assertThat(answer.body().path("message").asText())
                        .as("%s: %s", call, answer)
                        .isNotBlank();
                assertThat(answer.took()).as("%s: %s", call, answer).isLessThan(QUICK);
            });
        }

        postgres.startAgain();
        long upAt = System.nanoTime();
        Duration recovered = awaitHealthy();
        Thread.sleep(500);
        List<Load.Outcome> outcomes = load.stop();

        // the load: answered quickly, 200 or 503 service_unavailable and nothing else
        Map<String, Integer> tally = new TreeMap<>();
        for (Load.Outcome outcome : outcomes) {
            tally.merge(outcome.summary(), 1, Integer::sum);
            assertThat(outcome.failure()).as("%s", outcome).isNull();
            assertThat(outcome.answer().took()).as("%s", outcome).isLessThan(QUICK);
            if (outcome.answer().status() != 200) {
                assertThat(outcome.answer().status()).as("%s", outcome).isEqualTo(503);
                assertThat(outcome.answer().error()).as("%s", outcome).isEqualTo("service_unavailable");
            }
        }
        assertThat(outcomes.stream()
                        .filter(o -> o.failure() == null
                                && o.answer().status() == 503
                                && o.startedNanos() > downAt
                                && o.startedNanos() < upAt))
                .as("503s during the outage")
                .isNotEmpty();
        assertThat(outcomes.stream()
                        .filter(o -> o.failure() == null
                                && o.answer().status() == 200
                                && o.startedNanos() > upAt + recovered.toNanos()))
                .as("200s after the recovery")
                .isNotEmpty();

        // back: the same server, without a restart, with the data from before
        assertThat(recovered).isLessThan(RECOVERY);
        assertThat(api.myId(member)).as("the session from before still works").isEqualTo(memberId);
        assertThat(api.myId(api.login(ADMIN_NAME, ADMIN_PASSWORD))).isEqualTo(adminId);
        assertThat(api.login("before_invited", Credentials.PASSWORD)).isNotBlank();
        assertThat(api.get("/account/invite/validity?token=" + HttpApi.encode(invite), null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .as("the invite from before")
                .isTrue();
        HttpApi.expect(api.register("after_invited", invite), 200, "register with the invite after");
        HttpApi.expect(api.get("/site", member), 200, "GET /site after");
        HttpApi.expect(api.put("/site", object("name", "Back again"), admin), 200, "PUT /site after");
        assertThat(api.get("/site", null).body().at("/site_view/site/name").asText())
                .isEqualTo("Back again");
        HttpApi.expect(api.get("/account/invite/list", member), 200, "list after");
        HttpApi.expect(
                api.get("/admin/registration_application?person_id=" + applicantId, admin),
                200,
                "the application from before");
        api.createInvite(member, "max_uses", 2);
        // every invite use that was counted has its account, and none without: also for the
        // registrations that the outage cut off
        long uses = postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite);
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE invited_by_local_user_id = ?", memberId))
                .isEqualTo(uses);
        assertThat(postgres.number(
                        "SELECT count(*) FROM local_user WHERE name LIKE 'down\\_%' OR name = 'inflight_reg'"))
                .as("no registration answered 503 while the database was down wrote an account")
                .isZero();
        assertThat(postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", lockedInvite))
                .as("the registration cut off took no use")
                .isZero();
        assertThat(postgres.number("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", memberId))
                .as("the invite creation cut off wrote nothing: the member's invite and the one made after")
                .isEqualTo(2);

        System.out.printf(
                "database outage: recovered in %d ms after the restart; transactions cut off: %s; "
                        + "use cases while down: %d calls, all 503; load across the outage: %s; invite uses %d%n",
                recovered.toMillis(), cutOff, firstRound.size() + laterRound.size(), tally, uses);
    }

    /**
     * A database that stops answering without closing anything (a hung host, a network that drops
     * packets: here SIGSTOP) must not hold requests either: one in flight when it freezes, and any
     * that gets a connection the pool had just used, give up after the adapter's 10 s wait for an
     * answer, with 503. Without that wait they hang until the database answers again.
     */
    @Test
    void whileTheDatabaseIsFrozenNoRequestHangsAndAllWorksAgainOnceItAnswers() throws Exception {
        String admin = api.login(ADMIN_NAME, ADMIN_PASSWORD);
        HttpApi.expect(api.put("/site", object("registration_mode", "open"), admin), 200, "open the site");
        HttpApi.Answer registered = api.register("frozen_member", null);
        HttpApi.expect(registered, 200, "register before");
        String member = registered.jwt();
        long memberId = api.myId(member);
        String invite = api.createInvite(member, "max_uses", 1_000);
        // the admin's: the registration held behind it holds its creator, whom the load leaves alone
        String lockedInvite = api.createInvite(admin, "max_uses", 5);

        Load load = started(Load.start(4, api, invite, member));
        Thread.sleep(500);
        Connection holder = postgres.connect();
        holder.setAutoCommit(false);
        long holderPid = single(holder, "SELECT pg_backend_pid()");
        single(
                holder,
                "SELECT count(*) FROM (SELECT 1 FROM local_user_invite WHERE token = '" + lockedInvite
                        + "' FOR UPDATE) locked");
        ExecutorService inFlight = Executors.newFixedThreadPool(2);
        Future<HttpApi.Answer> cutOff = inFlight.submit(() -> api.register("frozen_inflight", lockedInvite));
        awaitBlockedBy(holderPid, 1);
        // and one in its COMMIT, held there by the test's deferred trigger: its answer never comes
        // (before the fix in PostgresTransactionManager, the rollback after the failed COMMIT failed
        // too, with "Connection is closed", and the answer was a 500 now and then)
        Backends backends = new Backends(postgres::connect);
        backends.holdCommitsOfAccountsNamed("held_");
        Backends.CommitHold commitHold = backends.holdCommits();
        Future<HttpApi.Answer> cutOffInCommit = inFlight.submit(() -> api.register("held_frozen", null));
        backends.await(Backends.COMMIT_HELD, Duration.ofSeconds(30));

        HttpApi.Answer inFlightAnswer;
        HttpApi.Answer inCommitAnswer;
        Map<String, HttpApi.Answer> whileFrozen;
        try {
            postgres.freeze();
            inFlightAnswer = cutOff.get(FROZEN_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            inCommitAnswer = cutOffInCommit.get(FROZEN_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            whileFrozen = callAll(List.of(
                    new Call("GET /health", () -> api.get("/health", null)),
                    new Call("GET /site", () -> api.get("/site", null)),
                    new Call("GET /account", () -> api.get("/account", member)),
                    new Call("register", () -> api.register("frozen_new", invite)),
                    new Call(
                            "log-in",
                            () -> api.post(
                                    "/account/auth/login",
                                    object("username_or_email", "frozen_member", "password", Credentials.PASSWORD),
                                    null)),
                    new Call("create invite", () -> api.post("/account/invite", object(), member)),
                    new Call(
                            "validity",
                            () -> api.get("/account/invite/validity?token=" + HttpApi.encode(invite), null))));
        } finally {
            postgres.thaw();
            inFlight.shutdownNow();
            commitHold.close();
            try {
                holder.close();
            } catch (SQLException ignored) {
                // its server may have ended it
            }
        }
        Duration recovered = awaitHealthy();
        Thread.sleep(500);
        List<Load.Outcome> outcomes = load.stop();

        assertThat(inFlightAnswer.status())
                .as("the request in flight at the freeze: %s", inFlightAnswer)
                .isEqualTo(503);
        assertThat(inFlightAnswer.error()).isEqualTo("service_unavailable");
        assertThat(inCommitAnswer.status())
                .as("the request in its COMMIT at the freeze: %s", inCommitAnswer)
                .isEqualTo(503);
        assertThat(inCommitAnswer.error()).isEqualTo("service_unavailable");
        whileFrozen.forEach((call, answer) -> {
            assertThat(answer.status())
                    .as("%s while the database is frozen: %s", call, answer)
                    .isEqualTo(503);
            assertThat(answer.error()).as("%s: %s", call, answer).isEqualTo("service_unavailable");
            assertThat(answer.took()).as("%s: %s", call, answer).isLessThan(FROZEN_PATIENCE);
        });
        Map<String, Integer> tally = new TreeMap<>();
        for (Load.Outcome outcome : outcomes) {
            tally.merge(outcome.summary(), 1, Integer::sum);
            assertThat(outcome.failure()).as("%s", outcome).isNull();
            assertThat(outcome.answer().took()).as("%s", outcome).isLessThan(FROZEN_PATIENCE);
            if (outcome.answer().status() != 200) {
                assertThat(outcome.answer().error()).as("%s", outcome).isEqualTo("service_unavailable");
            }
        }

        assertThat(recovered).isLessThan(RECOVERY);
        assertThat(api.myId(member)).isEqualTo(memberId);
        HttpApi.expect(api.register("frozen_after", invite), 200, "register after the thaw");
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE name IN ('frozen_inflight', 'frozen_new')"))
                .as("the registrations refused while frozen wrote nothing")
                .isZero();
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE invited_by_local_user_id = ?", memberId))
                .isEqualTo(postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite));
        System.out.printf(
                "database frozen: the request in flight answered %s, the one in its COMMIT %s; while frozen: %s; "
                        + "load: %s; healthy %d ms after the thaw%n",
                inFlightAnswer, inCommitAnswer, whileFrozen, tally, recovered.toMillis());
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Waits until {@code count} backends wait for a lock that the backend {@code holderPid} holds. */
    private void awaitBlockedBy(long holderPid, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (postgres.number(
                        "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))", (int) holderPid)
                < count) {
            assertThat(System.nanoTime())
                    .as("the requests wait for the test's row locks")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Duration awaitHealthy() throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            HttpApi.Answer health = api.get("/health", null);
            if (health.status() == 200) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            assertThat(health.status()).as("%s", health).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("healthy again")
                    .isLessThan(RECOVERY);
            Thread.sleep(100);
        }
    }

    /** Makes every call at once, each from its own thread; their answers by name. */
    private static Map<String, HttpApi.Answer> callAll(List<Call> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            Map<String, Future<HttpApi.Answer>> pending = new LinkedHashMap<>();
            calls.forEach(call ->
                    pending.put(call.name(), threads.submit(() -> call.request().get())));
            Map<String, HttpApi.Answer> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Future<HttpApi.Answer>> entry : pending.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Clients that keep calling the API, whatever happens to the database, and note every answer. */
    private static final class Load {

        record Outcome(String call, long startedNanos, HttpApi.Answer answer, Throwable failure) {
            String summary() {
                return call + " "
                        + (failure != null
                                ? failure.getClass().getSimpleName()
                                : answer.status() + (answer.error() == null ? "" : " " + answer.error()));
            }
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        static Load start(int clients, HttpApi api, String invite, String session) {
            Load load = new Load();
            AtomicInteger names = new AtomicInteger();
            for (int client = 0; client < clients; client++) {
                int id = client;
                Thread thread = new Thread(
                        () -> {
                            for (int i = 0; load.running.get(); i++) {
                                String call;
                                Supplier<HttpApi.Answer> request;
                                switch ((i + id) % 4) {
                                    case 0 -> {
                                        call = "register";
                                        request = () -> api.register("load_" + names.incrementAndGet(), invite);
                                    }
                                    case 1 -> {
                                        call = "GET /account";
                                        request = () -> api.get("/account", session);
                                    }
                                    case 2 -> {
                                        call = "validity";
                                        request = () -> api.get(
                                                "/account/invite/validity?token=" + HttpApi.encode(invite), null);
                                    }
                                    default -> {
                                        call = "GET /site";
                                        request = () -> api.get("/site", null);
                                    }
                                }
                                long started = System.nanoTime();
                                try {
                                    load.outcomes.add(new Outcome(call, started, request.get(), null));
                                } catch (RuntimeException | AssertionError failed) {
                                    load.outcomes.add(new Outcome(call, started, null, failed));
                                }
                            }
                        },
                        "outage-load-" + client);
                thread.start();
                load.threads.add(thread);
            }
            return load;
        }

        List<Outcome> stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            return new ArrayList<>(outcomes);
        }
    }
}
