package guestlist.bootstrap.hostile;

import static guestlist.bootstrap.hostile.Json.fields;
import static guestlist.bootstrap.hostile.Json.str;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated input through the real server: for each endpoint that takes a body, hundreds of random
 * bodies (random JSON trees, random bytes, mutated valid requests), half of them with a valid
 * session, and for the query endpoints random query strings. Whatever comes in: never a 5xx, always
 * an answer, a JSON body with string fields {@code error} and {@code message} on every 4xx, and
 * afterwards the server is healthy and a normal registration and log-in work.
 *
 * <p>The server runs with both rate limits at 0 (off), as {@link TestServer} configures it: the
 * hundreds of registrations, log-ins and validity checks sent here from one address within a
 * minute never get a 429, which shows that 0 turns a limit off.
 *
 * <p>The seed is random and printed; replay a run with {@code -Dguestlist.fuzz.seed=<seed>}, or
 * change how many bodies each endpoint gets with {@code -Dguestlist.fuzz.bodies=<n>} (default 300).
 */
class GeneratedInputEndToEndTest {

    private static final long SEED = Long.getLong("guestlist.fuzz.seed", new java.security.SecureRandom().nextLong());
    private static final int BODIES = Integer.getInteger("guestlist.fuzz.bodies", 300);
    private static final int QUERIES = 100;

    private static TestServer server;
    private static Harness harness;
    private static RawClient client;
    private static final Map<String, Integer> SENT = java.util.Collections.synchronizedMap(new TreeMap<>());
    private static final java.util.concurrent.atomic.AtomicInteger TOO_MANY =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final long STARTED = System.nanoTime();

    @BeforeAll
    static void start() {
        System.out.printf(
                "GeneratedInputEndToEndTest: seed %d (replay with -Dguestlist.fuzz.seed=%d), %d bodies "
                        + "per endpoint%n",
                SEED, SEED, BODIES);
        server = TestServer.start();
        harness = new Harness(server, "gen");
        client = new RawClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            System.out.printf(
                    "GeneratedInputEndToEndTest: seed %d; requests sent per endpoint %s, total %d%n",
                    SEED,
                    SENT,
                    SENT.values().stream().mapToInt(Integer::intValue).sum());
            server.close();
        }
    }

    /** How one endpoint is called: its fields, a valid body, and the session that lets it through. */
    private record Endpoint(
            String method,
            String path,
            List<String> fields,
            Supplier<Map<String, String>> valid,
            Supplier<String> session) {

        String name() {
            return method + " " + path;
        }
    }

    @Test
    void randomBodiesNeverGetAServerErrorAndErrorsAlwaysTheEnvelope() throws Exception {
        harness.site("registration_mode", "open");
        Harness.Member member = harness.member();
        String admin = harness.adminToken();
        SessionHolder memberSession = new SessionHolder(member.name(), member.token());
        // a password change that gets through ends its member's sessions: it has a member of its own
        Harness.Member changer = harness.member();
        SessionHolder changerSession = new SessionHolder(changer.name(), changer.token());
        String invite = harness.createInvite(member.token()).path("token").asText();
        // the admin's branch actions aim at a member of their own, invited by the member
        long targetId = harness.localUserId(harness.registerWithInvite(harness.newName(), invite));
        harness.site("registration_mode", "require_application");
        assertThat(harness.register(Harness.form(harness.newName()).put("answer", "hi"))
                        .status())
                .isEqualTo(200);
        long applicationId = Long.parseLong(server.rows("SELECT max(id)::text FROM registration_application")
                .get(0));
        harness.site("registration_mode", "open");
        // the person the generated bans aim at; a mutated body may aim at anyone else, too
        Harness.Member victim = harness.member();

        List<Endpoint> endpoints = List.of(
                new Endpoint(
                        "POST",
                        "/account/auth/register",
                        List.of(
                                "username",
                                "password",
                                "password_verify",
                                "email",
                                "answer",
                                "token",
                                "honeypot",
                                "stay_logged_in"),
                        () -> fields(
                                "username",
                                str(harness.newName()),
                                "password",
                                str(Credentials.PASSWORD),
                                "password_verify",
                                str(Credentials.PASSWORD),
                                "answer",
                                str("hello"),
                                "email",
                                str(Credentials.email(harness.newName()))),
                        memberSession::token),
                new Endpoint(
                        "POST",
                        "/account/auth/login",
                        List.of("username_or_email", "password", "stay_logged_in"),
                        () -> fields("username_or_email", str(member.name()), "password", str(Credentials.PASSWORD)),
                        memberSession::token),
                new Endpoint("POST", "/account/auth/logout", List.of(), LinkedHashMap::new, memberSession::token),
                new Endpoint(
                        "PUT",
                        "/account/auth/change_password",
                        List.of("new_password", "new_password_verify", "old_password", "stay_logged_in"),
                        () -> fields(
                                "new_password",
                                str(Credentials.PASSWORD),
                                "new_password_verify",
                                str(Credentials.PASSWORD),
                                "old_password",
                                str(Credentials.PASSWORD)),
                        changerSession::token),
                new Endpoint(
                        "POST",
                        "/account/invite",
                        List.of("max_uses", "expires_at", "comment"),
                        () -> fields(
                                "max_uses",
                                "5",
                                "expires_at",
                                str(Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                                "comment",
                                str("for a friend")),
                        memberSession::token),
                new Endpoint(
                        "DELETE",
                        "/account/invite",
                        List.of("token"),
                        () -> fields("token", str(invite)),
                        memberSession::token),
                new Endpoint(
                        "PUT",
                        "/site",
                        List.of(
                                "name",
                                "registration_mode",
                                "max_invites_per_user_allowed",
                                "application_question",
                                "invite_min_account_age_hours",
                                "invites_per_user_per_day",
                                "invite_signups_per_day",
                                "invites_skip_application"),
                        () -> fields(
                                "name",
                                str("Guestlist"),
                                "registration_mode",
                                str("open"),
                                "max_invites_per_user_allowed",
                                "1000000",
                                "application_question",
                                str("Why?"),
                                "invite_min_account_age_hours",
                                "0",
                                "invites_per_user_per_day",
                                "1000",
                                "invite_signups_per_day",
                                "1000000",
                                "invites_skip_application",
                                "true"),
                        () -> admin),
                new Endpoint(
                        "PUT",
                        "/admin/registration_application/approve",
                        List.of("id", "approve", "deny_reason"),
                        () -> fields("id", Long.toString(applicationId), "approve", "false", "deny_reason", str("no")),
                        () -> admin),
                new Endpoint(
                        "POST",
                        "/admin/ban",
                        List.of("person_id", "ban", "reason", "expires_at", "include_invitees"),
                        () -> fields(
                                "person_id",
                                Long.toString(victim.id()),
                                "ban",
                                "true",
                                "reason",
                                str("generated"),
                                "expires_at",
                                Long.toString(
                                        Instant.now().plus(1, ChronoUnit.DAYS).getEpochSecond()),
                                "include_invitees",
                                "true"),
                        () -> admin),
                new Endpoint(
                        "POST",
                        "/admin/invite/revoke_all",
                        List.of("local_user_id", "include_invitees", "reason"),
                        () -> fields(
                                "local_user_id",
                                Long.toString(targetId),
                                "include_invitees",
                                "true",
                                "reason",
                                str("spam")),
                        () -> admin),
                new Endpoint(
                        "PUT",
                        "/admin/invite/permission",
                        List.of("local_user_id", "can_invite", "include_invitees", "reason"),
                        () -> fields(
                                "local_user_id",
                                Long.toString(targetId),
                                "can_invite",
                                "false",
                                "include_invitees",
                                "true",
                                "reason",
                                str("spam")),
                        () -> admin));

        // every request is drawn first, in order, from the seeded generator; then three clients send them
        RandomInput random = new RandomInput(SEED);
        List<Sent> requests = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < BODIES; i++) {
                byte[] body = switch (i % 3) {
                    case 0 -> random.jsonTree(endpoint.fields()).getBytes(StandardCharsets.UTF_8);
                    case 1 -> random.bytes();
                    default -> random.mutate(endpoint.valid().get());
                };
                String contentType = random.chance(0.9)
                        ? "application/json"
                        : random.pick(List.of(
                                "text/plain",
                                "application/json; charset=latin1",
                                "application/json;charset=\"utf-8\"",
                                "*/*",
                                ""));
                String strangeToken =
                        random.chance(0.3) ? random.string().replaceAll("[\\x00-\\x1f\\x7f-\\uffff]", "x") : null;
                requests.add(new Sent(endpoint, i, body, contentType, i % 2 == 0, strangeToken));
            }
        }
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Sent request : requests) {
                sent.add(pool.submit(() -> send(request, memberSession, changerSession, failures)));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertRateLimitsOff();
        assertHealthy();
    }

    @Test
    void randomQueryStringsNeverGetAServerErrorAndErrorsAlwaysTheEnvelope() throws Exception {
        Harness.Member member = harness.member();
        String admin = harness.adminToken();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("/account/invite/list", List.of("limit", "page_cursor"));
        parameters.put("/account/invite/validity", List.of("token"));
        parameters.put("/admin/registration_application/list", List.of("unread_only", "limit", "page_cursor"));
        parameters.put("/admin/registration_application", List.of("person_id"));
        parameters.put(
                "/admin/users", List.of("banned_only", "sort", "invited_by_local_user_id", "limit", "page_cursor"));
        parameters.put("/admin/invite/tree", List.of("local_user_id", "limit", "page_cursor"));
        parameters.put("/admin/invite/ancestry", List.of("local_user_id", "limit", "page_cursor"));
        parameters.put("/admin/invite/list", List.of("local_user_id", "limit", "page_cursor"));
        parameters.put("/admin/invite/log", List.of("limit", "page_cursor"));

        RandomInput random = new RandomInput(SEED ^ 0x5DEECE66DL);
        List<String> failures = new ArrayList<>();
        // several clients at once: the answers must not depend on being alone
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Map.Entry<String, List<String>> endpoint : parameters.entrySet()) {
                String token = endpoint.getKey().startsWith("/admin") ? admin : member.token();
                for (int i = 0; i < QUERIES; i++) {
                    String query = randomQuery(random, endpoint.getValue());
                    String target = "/api/v4" + endpoint.getKey() + query;
                    String session = i % 2 == 0 ? token : null;
                    SENT.merge("GET " + endpoint.getKey(), 1, Integer::sum);
                    answers.add(pool.submit(() -> {
                        Response answer = client.json("GET", target, session, (byte[]) null);
                        if (answer.status() == 429) {
                            TOO_MANY.incrementAndGet();
                        }
                        boolean parserRefusal = answer.status() == 400 && answer.body().length == 0;
                        String problem = parserRefusal ? null : problem(answer);
                        return problem == null
                                ? null
                                : String.format("seed %d, GET %s: %s; answer %s", SEED, target, problem, answer);
                    }));
                }
            }
            for (Future<String> answer : answers) {
                if (answer.get() != null) {
                    failures.add(answer.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(TOO_MANY.get()).as("429s with the validity limit at 0").isZero();
        assertHealthy();
    }

    /** One generated request: which endpoint, its number there, its body and headers. */
    @SuppressWarnings("ArrayRecordComponent") // the bytes as sent; never compared, hashed or printed whole
    private record Sent(
            Endpoint endpoint, int number, byte[] body, String contentType, boolean withSession, String strangeToken) {}

    private static void send(
            Sent request, SessionHolder memberSession, SessionHolder changerSession, List<String> failures) {
        Endpoint endpoint = request.endpoint();
        List<String> headers = new ArrayList<>();
        headers.add("Content-Type: " + request.contentType());
        if (request.withSession()) {
            headers.add("Authorization: Bearer " + endpoint.session().get());
        } else if (request.strangeToken() != null) {
            headers.add("Authorization: Bearer " + request.strangeToken());
        }
        Response answer = client.send(endpoint.method(), "/api/v4" + endpoint.path(), headers, request.body());
        SENT.merge(endpoint.name(), 1, Integer::sum);
        if (answer.status() == 429) {
            TOO_MANY.incrementAndGet();
        }
        String problem = problem(answer);
        if (problem != null) {
            failures.add(String.format(
                    "seed %d, %s #%d %s session, body %s: %s; answer %s",
                    SEED,
                    endpoint.name(),
                    request.number(),
                    request.withSession() ? "with" : "without",
                    printable(request.body()),
                    problem,
                    answer));
        }
        if (endpoint.path().equals("/account/auth/logout") && request.withSession() && answer.status() == 200) {
            memberSession.renew();
        }
        if (endpoint.path().equals("/account/auth/change_password") && answer.status() == 200) {
            // the change ended every session of its member and answered the new one
            answer.json().map(json -> json.path("jwt").asText()).ifPresent(changerSession::replace);
        }
    }

    private static String randomQuery(RandomInput random, List<String> names) {
        StringBuilder query = new StringBuilder("?");
        for (int i = random.nextInt(5); i >= 0; i--) {
            String name = random.chance(0.8) ? random.pick(names) : HttpApi.encode(random.string());
            String value = switch (random.nextInt(4)) {
                case 0 -> random.number();
                case 1 -> HttpApi.encode(random.string());
                case 2 -> percentEncodedBytes(random.bytes());
                default -> random.pick(List.of("", "true", "false", "1", "20", "50", "abc", "%00", "%zz", "%"));
            };
            query.append(query.length() > 1 ? "&" : "").append(name).append('=').append(value);
        }
        String text = query.toString();
        return text.length() > 8_000 ? text.substring(0, 8_000) : text;
    }

    private static String percentEncodedBytes(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Response answer) {
        if (answer.status() == -1) {
            return "no answer";
        }
        if (answer.status() >= 500) {
            return "a server error";
        }
        if (answer.status() >= 400) {
            return answer.isEnvelope() ? null : "an error without the {error, message} envelope";
        }
        return answer.json().isPresent() ? null : "a success without a JSON body";
    }

    /**
     * With both limits at 0, hundreds of rate-limited requests from this one address got no 429;
     * with the limits on (the defaults are 10 and 60 a minute) most of them would have.
     */
    private static void assertRateLimitsOff() {
        int authRequests =
                SENT.getOrDefault("POST /account/auth/register", 0) + SENT.getOrDefault("POST /account/auth/login", 0);
        assertThat(authRequests).isGreaterThanOrEqualTo(2 * BODIES);
        assertThat(TOO_MANY.get())
                .as(
                        "answers 429 to %d registrations and log-ins from one address in %d s",
                        authRequests,
                        Duration.ofNanos(System.nanoTime() - STARTED).toSeconds())
                .isZero();
    }

    /**
     * The server answers /health, and a normal registration and log-in work; so do an invite of the
     * new member and a registration through it, once the invite quotas are off again.
     */
    private static void assertHealthy() {
        HttpApi.Answer health = harness.api().get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("ok");
        harness.site(
                "registration_mode",
                "open",
                "name",
                "Guestlist",
                "max_invites_per_user_allowed",
                1_000_000,
                "invite_min_account_age_hours",
                0,
                "invites_per_user_per_day",
                0,
                "invite_signups_per_day",
                0);
        String name = harness.newName();
        HttpApi.Answer registered = harness.register(Harness.form(name));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        String session = harness.login(name, Credentials.PASSWORD);
        assertThat(harness.me(session).path("id").asLong()).isPositive();
        String invite = harness.createInvite(session).path("token").asText();
        assertThat(harness.registerWithInvite(harness.newName(), invite)).isNotBlank();
    }

    private static String printable(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return shown.length() > 300 ? shown.substring(0, 300) + "… (" + body.length + " bytes)" : shown.toString();
    }

    /**
     * A member's session that is logged in again whenever a generated log-out ends it, or replaced
     * by the one a generated password change answers.
     */
    private static final class SessionHolder {
        private final String name;
        private volatile String token;

        SessionHolder(String name, String token) {
            this.name = name;
            this.token = token;
        }

        String token() {
            return token;
        }

        /** The session a password change answered, which replaced every session of the member. */
        synchronized void replace(String newToken) {
            token = newToken;
        }

        /**
         * Logs in again when the session ended; when a generated ban (whose person id a mutation
         * may have turned into this member's) refuses the log-in, lifts the ban first.
         */
        synchronized void renew() {
            if (harness.api().get("/account", token).status() == 401) {
                HttpApi.Answer login = harness.loginAnswer(name, Credentials.PASSWORD);
                if ("site_ban".equals(login.error())) {
                    long id = Long.parseLong(server.rows("SELECT id::text FROM local_user WHERE name = ?", name)
                            .get(0));
                    HttpApi.Answer lifted = harness.api()
                            .post(
                                    "/admin/ban",
                                    HttpApi.object("person_id", id, "ban", false, "reason", "renewing"),
                                    harness.adminToken());
                    assertThat(lifted.status()).as("%s", lifted).isEqualTo(200);
                }
                token = harness.login(name, Credentials.PASSWORD);
            }
        }
    }
}
