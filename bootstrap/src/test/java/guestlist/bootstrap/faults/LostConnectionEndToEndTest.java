package guestlist.bootstrap.faults;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.testsupport.Backends;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database ends the server's connections under running requests ({@code pg_terminate_backend},
 * as an operator, a failover or a restarted pooler does), on the real wiring over HTTP: a request
 * whose connection is ended between two statements or during its COMMIT is answered {@code 503
 * service_unavailable} with a {@code Retry-After}, commits nothing, and the client's retry works;
 * connections ended again and again under a load of successes and refusals never give a 500, and
 * every refusal keeps its code. (Each way a connection is lost, one at a time, and the refusal
 * thrown after the connection ended: the PostgreSQL adapter's {@code LostConnectionTest}.)
 */
class LostConnectionEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestPostgres postgres;
    private Backends backends;
    private Guestlist guestlist;
    private HttpApi api;
    private String admin;
    private String member;
    private long memberId;

    @BeforeEach
    void start() {
        postgres = TestPostgres.start();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUESTLIST_PORT", "0");
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl());
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        env.put("GUESTLIST_ADMIN_USERNAME", ADMIN_NAME);
        env.put("GUESTLIST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "0");
        guestlist = Guestlist.start(Settings.fromEnvironment(env));
        api = new HttpApi(guestlist.port());
        backends = new Backends(postgres::connect);
        backends.holdCommitsOfAccountsNamed("held_");

        admin = api.login(ADMIN_NAME, ADMIN_PASSWORD);
        HttpApi.expect(api.put("/site", object("registration_mode", "open"), admin), 200, "open the site");
        HttpApi.Answer registered = api.register("member", null);
        HttpApi.expect(registered, 200, "register the member");
        member = registered.jwt();
        memberId = api.myId(member);
    }

    @AfterEach
    void stop() {
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

    @Test
    void aRegistrationWhoseConnectionTheServerEndsDuringItsCommitIsServiceUnavailableAndCommitsNothing()
            throws Exception {
        String invite = api.createInvite(member, "max_uses", 5);

        HttpApi.Answer cutOff;
        try (Backends.CommitHold held = backends.holdCommits()) {
            CompletableFuture<HttpApi.Answer> registration =
                    CompletableFuture.supplyAsync(() -> api.register("held_at_commit", invite));
            int committing = backends.await(Backends.COMMIT_HELD, PATIENCE);

            backends.terminate(committing);

            cutOff = registration.get(30, TimeUnit.SECONDS);
        }

        assertServiceUnavailable(cutOff);
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE name = 'held_at_commit'"))
                .as("no account")
                .isZero();
        assertThat(uses(invite)).as("no use of the invite").isZero();
        assertThat(postgres.number("SELECT count(*) FROM invite_signup"))
                .as("no sign-up counted")
                .isZero();
        assertThat(postgres.number("SELECT count(*) FROM login_token WHERE local_user_id <> ?", memberId))
                .as("only the admin's and the member's sessions")
                .isEqualTo(1);

        HttpApi.expect(api.register("held_at_commit", invite), 200, "the client's retry");
        assertThat(uses(invite)).isEqualTo(1);
    }

    @Test
    void aRegistrationWhoseConnectionTheServerEndsBetweenTwoStatementsIsServiceUnavailableAndWritesNothing()
            throws Exception {
        String invite = api.createInvite(member, "max_uses", 5);

        HttpApi.Answer cutOff;
        try (Connection holder = postgres.connect()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                // the registration reads the invite, then locks its creator: it waits here, its
                // transaction begun and its first statement answered
                statement.execute("SELECT 1 FROM local_user WHERE id = " + memberId + " FOR UPDATE");
            }
            CompletableFuture<HttpApi.Answer> registration =
                    CompletableFuture.supplyAsync(() -> api.register("between_statements", invite));
            int waiting = backends.await(Backends.WAITING_FOR_A_LOCK, PATIENCE);

            backends.terminate(waiting);

            cutOff = registration.get(30, TimeUnit.SECONDS);
            holder.rollback();
        }

        assertServiceUnavailable(cutOff);
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE name = 'between_statements'"))
                .isZero();
        assertThat(uses(invite)).isZero();
        HttpApi.expect(api.register("between_statements", invite), 200, "the client's retry");
    }

    /**
     * Every connection of the server ended, every 50 ms for three seconds, while clients register,
     * read their account, and are refused (a name that is taken: 409; an invite over the cap: 403;
     * a wrong password: 401). Each answer is what it would have been, or a 503; never a 500.
     */
    @Test
    void connectionsEndedAgainAndAgainUnderLoadNeverGiveA500AndRefusalsKeepTheirCodes() throws Exception {
        String invite = api.createInvite(member, "max_uses", 100_000);
        HttpApi.expect(api.put("/site", object("max_invites_per_user_allowed", 1), admin), 200, "a cap of one invite");
        HttpApi.Answer capped = api.post("/account/invite", object(), member);
        assertThat(capped.error()).as("%s", capped).isEqualTo("too_many_invites");

        AtomicInteger names = new AtomicInteger();
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("register", new Call(() -> api.register("load_" + names.incrementAndGet(), invite), Set.of(200)));
        calls.put("register a taken name", new Call(() -> api.register("member", invite), Set.of(409)));
        calls.put(
                "create an invite over the cap",
                new Call(() -> api.post("/account/invite", object(), member), Set.of(403)));
        calls.put("GET /account", new Call(() -> api.get("/account", member), Set.of(200)));
        calls.put(
                "log-in with a wrong password",
                new Call(
                        () -> api.post(
                                "/account/auth/login",
                                object("username_or_email", "member", "password", "not the password"),
                                null),
                        Set.of(401)));

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        List<String> order = new ArrayList<>(calls.keySet());
        for (int client = 0; client < 4; client++) {
            int first = client;
            Thread thread = new Thread(
                    () -> {
                        for (int i = first; running.get(); i++) {
                            String name = order.get(i % order.size());
                            try {
                                outcomes.add(new Outcome(
                                        name, calls.get(name).request().get(), null));
                            } catch (RuntimeException | AssertionError failed) {
                                outcomes.add(new Outcome(name, null, failed));
                            }
                        }
                    },
                    "lost-connection-load-" + client);
            thread.start();
            clients.add(thread);
        }
        int ended = 0;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                ended += backends.terminateAll();
                Thread.sleep(50);
            }
        } finally {
            running.set(false);
            for (Thread thread : clients) {
                thread.join(60_000);
            }
        }

        Map<String, Integer> tally = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            assertThat(outcome.failure()).as("%s", outcome).isNull();
            tally.merge(
                    outcome.call() + " " + outcome.answer().status() + " "
                            + outcome.answer().error(),
                    1,
                    Integer::sum);
            Call call = calls.get(outcome.call());
            if (outcome.answer().status() == 503) {
                assertServiceUnavailable(outcome.answer());
            } else {
                assertThat(outcome.answer().status())
                        .as("%s: %s", outcome.call(), outcome.answer())
                        .isIn(call.expected());
            }
        }
        assertThat(tally.keySet())
                .as("connections were ended under requests: some were answered 503")
                .anyMatch(key -> key.contains(" 503 "));
        assertThat(postgres.number("SELECT count(*) FROM local_user WHERE invited_by_local_user_id = ?", memberId))
                .as("every use of the invite has its account, and no account is without its use")
                .isEqualTo(uses(invite));

        HttpApi.expect(api.register("after_the_endings", invite), 200, "a registration afterwards");
        System.out.printf("connections ended under load: %d backends ended in 3 s; answers: %s%n", ended, tally);
    }

    private long uses(String invite) {
        return postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite);
    }

    private static void assertServiceUnavailable(HttpApi.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(503);
        assertThat(answer.error()).as("%s", answer).isEqualTo("service_unavailable");
        assertThat(answer.header("Retry-After"))
                .as("%s", answer)
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    private record Call(Supplier<HttpApi.Answer> request, Set<Integer> expected) {}

    private record Outcome(String call, HttpApi.Answer answer, Throwable failure) {}
}
