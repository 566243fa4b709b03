package guestlist.bootstrap.hostile;

import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.application.port.out.PasswordHasher;
import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Log-in failures and secrets at rest, through the real server with the real Argon2id hasher,
 * which this test wraps in a counting decorator (a bean post-processor on the real wiring):
 * <ul>
 *   <li>an unknown user and a wrong password get one answer, and both cost exactly one real
 *       password verification (against an Argon2id hash with the production parameters), so
 *       neither answer nor work tells them apart; a generous timing check agrees;</li>
 *   <li>passwords are stored only as salted Argon2id hashes and session tokens only as SHA-256
 *       hashes: no table holds a password or a session token in any plain encoding;</li>
 *   <li>session tokens carry 256 bits and invite tokens 192 bits, and none repeats.</li>
 * </ul>
 */
class CredentialsEndToEndTest {

    /** Argon2id, OWASP's first setting (SPEC §5): 19 MiB, 2 iterations, 1 lane; 16-byte salt, 32-byte hash. */
    private static final String ARGON2ID =
            "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    private static final AtomicReference<CountingPasswordHasher> HASHER = new AtomicReference<>();
    private static TestServer server;
    private static Harness harness;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                Map.of(),
                context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof PasswordHasher hasher && !(bean instanceof CountingPasswordHasher)) {
                            CountingPasswordHasher counting = new CountingPasswordHasher(hasher);
                            assertThat(HASHER.getAndSet(counting))
                                    .as("one password hasher in the wiring")
                                    .isNull();
                            return counting;
                        }
                        return bean;
                    }
                }));
        harness = new Harness(server, "cr");
        harness.site("registration_mode", "open");
        assertThat(HASHER.get()).as("the wiring's password hasher is counted").isNotNull();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- log-in failures

    @Test
    void unknownUserAndWrongPasswordGetOneAnswer() {
        String name = harness.newName();
        register(name, Credentials.email(name), Credentials.PASSWORD);

        List<HttpApi.Answer> answers = List.of(
                harness.loginAnswer("nobody_" + name, Credentials.PASSWORD),
                harness.loginAnswer(Credentials.email("nobody_" + name), Credentials.PASSWORD),
                harness.loginAnswer(name, "wrong password!"),
                harness.loginAnswer(name.toUpperCase(Locale.ROOT) + "@EXAMPLE.COM", "wrong password!"),
                harness.loginAnswer(name, ""));

        for (HttpApi.Answer answer : answers) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(401);
            assertThat(answer.body())
                    .as("same code and message")
                    .isEqualTo(answers.get(0).body());
            assertThat(answer.header("Retry-After")).isEmpty();
        }
        assertThat(answers.get(0).error()).isEqualTo("incorrect_login");
    }

    @Test
    void unknownUserAndWrongPasswordEachCostExactlyOneRealVerification() {
        String name = harness.newName();
        register(name, null, Credentials.PASSWORD);
        String storedHash = server.rows("SELECT password_hash FROM local_user WHERE name = ?", name)
                .get(0);

        Work unknown = workOf(() -> harness.loginAnswer("nobody_" + name, Credentials.PASSWORD));
        Work unknownEmail = workOf(() -> harness.loginAnswer("nobody@" + name + ".example", Credentials.PASSWORD));
        Work wrong = workOf(() -> harness.loginAnswer(name, "wrong password!"));
        Work right = workOf(() -> harness.loginAnswer(name, Credentials.PASSWORD));

        for (Work failed : List.of(unknown, unknownEmail, wrong)) {
            assertThat(failed.status()).isEqualTo(401);
            assertThat(failed.verifiedAgainst())
                    .as("one verification, against an Argon2id hash of the real cost")
                    .singleElement()
                    .asString()
                    .matches(ARGON2ID);
            assertThat(failed.hashes()).as("no hash computed").isZero();
        }
        assertThat(wrong.verifiedAgainst()).containsExactly(storedHash);
        assertThat(unknown.verifiedAgainst())
                .as("the unknown user's verification runs against a decoy, not " + "against a real account")
                .doesNotContain(storedHash);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.verifiedAgainst()).containsExactly(storedHash);
    }

    @Test
    void aPendingApplicantWithAWrongPasswordGetsTheSameAnswerAsAStranger() {
        harness.site("registration_mode", "require_application");
        String name = harness.newName();
        try {
            assertThat(harness.register(Harness.form(name).put("answer", "please"))
                            .status())
                    .isEqualTo(200);
        } finally {
            harness.site("registration_mode", "open");
        }
        Work pendingWrong = workOf(() -> harness.loginAnswer(name, "wrong password!"));
        Work stranger = workOf(() -> harness.loginAnswer("nobody_" + name, "wrong password!"));
        Work pendingRight = workOf(() -> harness.loginAnswer(name, Credentials.PASSWORD));

        assertThat(pendingWrong.answer().body()).isEqualTo(stranger.answer().body());
        assertThat(pendingWrong.verifiedAgainst()).hasSize(1);
        assertThat(stranger.verifiedAgainst()).hasSize(1);
        // only the right password learns that the account waits for its application
        assertThat(pendingRight.answer().error()).isEqualTo("registration_application_is_pending");
    }

    @Test
    void unknownUserAndWrongPasswordTakeAboutTheSameTime() {
        String name = harness.newName();
        register(name, null, Credentials.PASSWORD);
        // warm up both paths, then alternate them so that the machine's load touches both alike
        harness.loginAnswer("nobody_" + name, Credentials.PASSWORD);
        harness.loginAnswer(name, "wrong password!");
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            unknown.add(timed(() -> harness.loginAnswer("nobody_" + name, Credentials.PASSWORD)));
            wrong.add(timed(() -> harness.loginAnswer(name, "wrong password!")));
        }
        double ratio = (double) median(unknown) / median(wrong);
        System.out.printf(
                "log-in medians: unknown user %.1f ms, wrong password %.1f ms, ratio %.2f%n",
                median(unknown) / 1e6, median(wrong) / 1e6, ratio);

        assertThat(ratio).as("median unknown-user / wrong-password log-in time").isBetween(0.5, 2.0);
        assertThat(Duration.ofNanos(median(unknown)))
                .as("a real Argon2id verification is in it")
                .isGreaterThan(Duration.ofMillis(5));
    }

    // ---------------------------------------------------------------- secrets at rest

    @Test
    void passwordsAreStoredOnlyAsSaltedArgon2idHashes() {
        String first = harness.newName();
        String second = harness.newName();
        register(first, null, Credentials.PASSWORD);
        register(second, null, Credentials.PASSWORD);

        List<String> hashes = server.rows("SELECT password_hash FROM local_user WHERE name IN (?, ?)", first, second);

        assertThat(hashes).hasSize(2).allSatisfy(hash -> assertThat(hash).matches(ARGON2ID));
        assertThat(hashes.get(0)).as("salted: one password, two hashes").isNotEqualTo(hashes.get(1));
    }

    @Test
    void noTableHoldsAPasswordOrASessionTokenAndSessionsAreStoredAsHashes() {
        String password = "Pa55-w0rd-" + Harness.unknownToken().substring(0, 12);
        String otherPassword = "other " + Harness.unknownToken().substring(0, 16);
        String name = harness.newName();
        String email = Credentials.email(name);
        List<String> sessions = new ArrayList<>();
        sessions.add(register(name, email, password));
        sessions.add(loginJwt(name, password, false));
        sessions.add(loginJwt(email.toUpperCase(Locale.ROOT), password, true));
        JsonNode invite = harness.createInvite(sessions.get(0), "max_uses", 5);
        String invitee = harness.newName();
        HttpApi.Answer invited = harness.register(object(
                "username",
                invitee,
                "password",
                otherPassword,
                "password_verify",
                otherPassword,
                "token",
                invite.path("token").asText()));
        assertThat(invited.status()).as("%s", invited).isEqualTo(200);
        sessions.add(invited.body().path("jwt").asText());
        sessions.add(harness.adminToken());
        String loggedOut = loginJwt(name, password, false);
        assertThat(harness.api()
                        .post("/account/auth/logout", object(), loggedOut)
                        .status())
                .isEqualTo(200);

        List<String> stored = everyRowOfEveryTable();
        List<String> secrets = new ArrayList<>(List.of(password, otherPassword, Credentials.ADMIN_PASSWORD));
        for (String secret : List.copyOf(secrets)) {
            secrets.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            secrets.add(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
            secrets.add(new StringBuilder(secret).reverse().toString());
        }
        secrets.addAll(sessions);
        secrets.add(loggedOut);
        for (String row : stored) {
            for (String secret : secrets) {
                assertThat(row).as("a stored row").doesNotContainIgnoringCase(secret);
            }
        }

        List<String> tokenHashes = server.rows("SELECT token_hash FROM login_token");
        for (String session : sessions) {
            assertThat(tokenHashes)
                    .as("the live session is stored as its SHA-256")
                    .contains(sha256(session));
        }
        assertThat(tokenHashes).as("log-out deleted the stored hash").doesNotContain(sha256(loggedOut));
        assertThat(stored)
                .as("the scan read the accounts, sessions and invites")
                .anyMatch(row -> row.contains(email))
                .anyMatch(row -> row.contains(sha256(sessions.get(0))))
                .anyMatch(row -> row.contains(invite.path("token").asText()));
    }

    @Test
    void sessionTokensCarry256BitsAndNeverRepeat() {
        String name = harness.newName();
        Set<String> tokens = new HashSet<>();
        tokens.add(register(name, null, Credentials.PASSWORD));
        for (int i = 0; i < 24; i++) {
            tokens.add(loginJwt(name, Credentials.PASSWORD, i % 2 == 0));
        }

        assertThat(tokens)
                .as("25 sessions, 25 tokens")
                .hasSize(25)
                .allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]{43}"));
        assertThat(String.join("", tokens).chars().distinct().count())
                .as("characters in use of the 64")
                .isGreaterThan(55);
    }

    @Test
    void inviteTokensCarry192BitsAndNeverRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(harness.createInvite(harness.adminToken()).path("token").asText());
        }

        assertThat(tokens).hasSize(100).allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]{32}"));
        assertThat(String.join("", tokens).chars().distinct().count()).isEqualTo(64);
    }

    // ---------------------------------------------------------------- helpers

    /** Registers (the site is open) and answers the session token. */
    private static String register(String name, String email, String password) {
        var form = object("username", name, "password", password, "password_verify", password);
        if (email != null) {
            form.put("email", email);
        }
        HttpApi.Answer answer = harness.register(form);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body().path("jwt").asText();
    }

    private static String loginJwt(String nameOrEmail, String password, boolean stayLoggedIn) {
        HttpApi.Answer answer = harness.api()
                .post(
                        "/account/auth/login",
                        object("username_or_email", nameOrEmail, "password", password, "stay_logged_in", stayLoggedIn),
                        null);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body().path("jwt").asText();
    }

    /** Every row of every table of the schema, all columns, as text. */
    private static List<String> everyRowOfEveryTable() {
        List<String> rows = new ArrayList<>();
        List<String> tables =
                server.rows("SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = 'public'");
        assertThat(tables).containsAll(StoredState.TABLES);
        for (String table : tables) {
            rows.addAll(server.rows("SELECT t::text FROM \"" + table + "\" t"));
        }
        return rows;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }

    private static long timed(Runnable request) {
        long started = System.nanoTime();
        request.run();
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** What one request made the password hasher do. */
    private record Work(HttpApi.Answer answer, List<String> verifiedAgainst, int hashes) {
        int status() {
            return answer.status();
        }
    }

    private static Work workOf(java.util.function.Supplier<HttpApi.Answer> request) {
        CountingPasswordHasher hasher = HASHER.get();
        int verificationsBefore = hasher.verifiedAgainst.size();
        int hashesBefore = hasher.hashes.get();
        HttpApi.Answer answer = request.get();
        List<String> verified;
        synchronized (hasher.verifiedAgainst) {
            verified = List.copyOf(hasher.verifiedAgainst.subList(verificationsBefore, hasher.verifiedAgainst.size()));
        }
        return new Work(answer, verified, hasher.hashes.get() - hashesBefore);
    }

    /** The wiring's hasher, counting its calls and keeping the hashes it verified against. */
    static final class CountingPasswordHasher implements PasswordHasher, AutoCloseable {

        private final PasswordHasher delegate;
        final AtomicInteger hashes = new AtomicInteger();
        final List<String> verifiedAgainst = java.util.Collections.synchronizedList(new ArrayList<>());

        CountingPasswordHasher(PasswordHasher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String hash(String password) {
            hashes.incrementAndGet();
            return delegate.hash(password);
        }

        @Override
        public boolean matches(String password, String hash) {
            verifiedAgainst.add(hash);
            return delegate.matches(password, hash);
        }

        /** Spring calls this as the wrapped bean's destroy method: it closes the hashing pool. */
        @Override
        public void close() {
            if (delegate instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + delegate, e);
                }
            }
        }
    }
}
