package guestlist.bootstrap.hostile;

import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static guestlist.bootstrap.hostile.Json.fields;
import static guestlist.bootstrap.hostile.Json.obj;
import static guestlist.bootstrap.hostile.Json.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address rate limits (SPEC §4, §5) through the real server, configured as an operator would:
 * {@code GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE=3} and {@code GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE=5}.
 * Each test sends from an address of its own (127.0.0.x: all of 127/8 is loopback), so that each
 * starts with a fresh one-minute window. That 0 turns the limits off is shown by
 * {@link GeneratedInputEndToEndTest}, whose server runs with both at 0 and takes hundreds of
 * registrations, log-ins and validity checks from one address within a minute without a 429.
 */
class RateLimitEndToEndTest {

    private static final int AUTH = 3;
    private static final int VALIDITY = 5;

    private static TestServer server;
    private static Harness harness;
    private static RawClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", Integer.toString(AUTH),
                "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", Integer.toString(VALIDITY)));
        // the harness logs the admin in from 127.0.0.1; no test below sends from there
        harness = new Harness(server, "rl");
        harness.site("registration_mode", "open");
        client = new RawClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Response register(RawClient from, String name) {
        return from.json("POST", "/api/v4/account/auth/register", null, obj(fields("username", str(name),
                "password", str(Credentials.PASSWORD), "password_verify", str(Credentials.PASSWORD))));
    }

    private static Response login(RawClient from, String name, String password) {
        return from.json("POST", "/api/v4/account/auth/login", null,
                obj(fields("username_or_email", str(name), "password", str(password))));
    }

    private static Response validity(RawClient from) {
        return from.json("GET", "/api/v4/account/invite/validity?token=" + Harness.unknownToken(), null, (byte[]) null);
    }

    private static void assertTooManyRequests(Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.isEnvelope()).isTrue();
        assertThat(answer.error()).isEqualTo("too_many_requests");
        String retryAfter = answer.header("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After"));
        assertThat(retryAfter).as("Retry-After in whole seconds").matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
    }

    @Test
    void theFourthRegistrationFromOneAddressWithinAMinuteIsRefusedAndWritesNothing() {
        RawClient from = client.from("127.0.0.2");
        for (int i = 0; i < AUTH; i++) {
            assertThat(register(from, harness.newName()).status()).isEqualTo(200);
        }
        String refusedName = harness.newName();
        List<String> before = StoredState.of(server);

        Response fourth = register(from, refusedName);

        assertTooManyRequests(fourth);
        assertThat(StoredState.of(server)).as("a refused registration writes nothing").isEqualTo(before);
        assertThat(harness.accountsNamed(refusedName)).isZero();
    }

    @Test
    void registerAndLoginShareOneBudget() {
        RawClient from = client.from("127.0.0.3");
        String name = harness.newName();
        assertThat(register(from, name).status()).isEqualTo(200);
        assertThat(login(from, name, Credentials.PASSWORD).status()).isEqualTo(200);
        assertThat(login(from, name, "wrong password!").status()).isEqualTo(401);

        assertTooManyRequests(login(from, name, Credentials.PASSWORD));
        assertTooManyRequests(register(from, harness.newName()));
    }

    @Test
    void refusedRequestsCountToo() {
        RawClient from = client.from("127.0.0.4");
        // malformed, unknown user, invalid form: each is an attempt
        assertThat(from.json("POST", "/api/v4/account/auth/login", null, "{").status()).isEqualTo(400);
        assertThat(login(from, "nobody_here", "whatever123").status()).isEqualTo(401);
        assertThat(from.json("POST", "/api/v4/account/auth/register", null, "{}").status()).isEqualTo(400);

        assertTooManyRequests(from.json("POST", "/api/v4/account/auth/register", null, "{}"));
    }

    @Test
    void eachAddressHasItsOwnBudget() {
        RawClient first = client.from("127.0.0.5");
        RawClient second = client.from("127.0.0.6");
        for (int i = 0; i < AUTH; i++) {
            assertThat(login(first, "nobody_here", "whatever123").status()).isEqualTo(401);
        }
        assertTooManyRequests(login(first, "nobody_here", "whatever123"));

        assertThat(login(second, "nobody_here", "whatever123").status()).isEqualTo(401);
    }

    @Test
    void validityChecksHaveTheirOwnBudget() {
        RawClient from = client.from("127.0.0.7");
        for (int i = 0; i < AUTH; i++) {
            assertThat(login(from, "nobody_here", "whatever123").status()).isEqualTo(401);
        }
        assertTooManyRequests(login(from, "nobody_here", "whatever123"));

        for (int i = 0; i < VALIDITY; i++) {
            Response check = validity(from);
            assertThat(check.status()).as("validity check %d after the auth budget is spent", i + 1).isEqualTo(200);
        }
        assertTooManyRequests(validity(from));
        assertTooManyRequests(login(from, "nobody_here", "whatever123"));
    }

    @Test
    void spendingTheValidityBudgetLeavesTheAuthBudget() {
        RawClient from = client.from("127.0.0.8");
        for (int i = 0; i < VALIDITY; i++) {
            assertThat(validity(from).status()).isEqualTo(200);
        }
        assertTooManyRequests(validity(from));

        assertThat(login(from, "nobody_here", "whatever123").status()).isEqualTo(401);
    }

    @Test
    void otherEndpointsAreNotCounted() {
        RawClient from = client.from("127.0.0.9");
        for (int i = 0; i < 20; i++) {
            assertThat(from.json("GET", "/api/v4/site", null, (byte[]) null).status()).isEqualTo(200);
            assertThat(from.json("GET", "/api/v4/health", null, (byte[]) null).status()).isEqualTo(200);
            assertThat(from.json("POST", "/api/v4/account/auth/logout", null, "{}").status()).isEqualTo(401);
        }
        assertThat(login(from, "nobody_here", "whatever123").status()).isEqualTo(401);
    }
}
