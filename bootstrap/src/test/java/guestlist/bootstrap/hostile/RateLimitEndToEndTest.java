package guestlist.bootstrap.hostile;

import static guestlist.bootstrap.hostile.Json.fields;
import static guestlist.bootstrap.hostile.Json.obj;
import static guestlist.bootstrap.hostile.Json.str;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limits as an operator configures them (SPEC §4, §5), through the real server:
 * {@code GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE=3} and {@code GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE=5}
 * reach it, and a request they refuse writes nothing. How the limits work (one budget for log-in,
 * registration and password changes, one for validity checks, each address its own, other endpoints free, 0 for
 * off, the 429 and its {@code Retry-After}) is the REST adapter's {@code RateLimitTest}. Each test
 * sends from an address of its own (127.0.0.x: all of 127/8 is loopback), so that each starts with
 * a fresh one-minute window. That 0 turns the limits off with the real settings is shown by
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
        server = TestServer.start(Map.of(
                "GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE",
                Integer.toString(AUTH),
                "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE",
                Integer.toString(VALIDITY)));
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
        return from.json(
                "POST",
                "/api/v4/account/auth/register",
                null,
                obj(fields(
                        "username",
                        str(name),
                        "password",
                        str(Credentials.PASSWORD),
                        "password_verify",
                        str(Credentials.PASSWORD))));
    }

    private static Response login(RawClient from, String name, String password) {
        return from.json(
                "POST",
                "/api/v4/account/auth/login",
                null,
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
        assertThat(StoredState.of(server))
                .as("a refused registration writes nothing")
                .isEqualTo(before);
        assertThat(harness.accountsNamed(refusedName)).isZero();
    }

    @Test
    void aLogInOverTheLimitIsRefusedAndWritesNoSession() {
        RawClient from = client.from("127.0.0.3");
        String name = harness.newName();
        assertThat(register(from, name).status()).isEqualTo(200);
        for (int i = 1; i < AUTH; i++) {
            assertThat(login(from, name, Credentials.PASSWORD).status()).isEqualTo(200);
        }
        List<String> before = StoredState.of(server);

        Response refused = login(from, name, Credentials.PASSWORD);

        assertTooManyRequests(refused);
        assertThat(StoredState.of(server))
                .as("a refused log-in writes no session")
                .isEqualTo(before);
    }

    @Test
    void aPasswordChangeOverTheAuthLimitIsRefusedAndWritesNothing() {
        RawClient from = client.from("127.0.0.5");
        Response registered = register(from, harness.newName());
        assertThat(registered.status()).isEqualTo(200);
        String session = registered.json().orElseThrow().path("jwt").asText();
        String body = obj(fields(
                "new_password",
                str(Credentials.PASSWORD),
                "new_password_verify",
                str(Credentials.PASSWORD),
                "old_password",
                str(Credentials.PASSWORD)));
        for (int i = 1; i < AUTH; i++) {
            Response changed = from.json("PUT", "/api/v4/account/auth/change_password", session, body);
            assertThat(changed.status()).as("%s", changed).isEqualTo(200);
            session = changed.json().orElseThrow().path("jwt").asText();
        }
        List<String> before = StoredState.of(server);

        Response refused = from.json("PUT", "/api/v4/account/auth/change_password", session, body);

        assertTooManyRequests(refused);
        assertThat(StoredState.of(server))
                .as("a refused password change writes nothing")
                .isEqualTo(before);
        assertThat(harness.api().get("/account", session).status())
                .as("the session stays")
                .isEqualTo(200);
    }

    @Test
    void theSixthValidityCheckFromOneAddressWithinAMinuteIsRefused() {
        RawClient from = client.from("127.0.0.4");
        for (int i = 0; i < VALIDITY; i++) {
            assertThat(validity(from).status()).as("validity check %d", i + 1).isEqualTo(200);
        }

        assertTooManyRequests(validity(from));
    }
}
