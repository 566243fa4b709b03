package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.HttpApi.Answer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that takes a body refuses one that is not a JSON object with {@code 400
 * bad_request}, also when the session is valid and the handler needs no field of it (log-out), and
 * does nothing it was asked.
 */
class MalformedBodiesTest {

    private static final String[][] BODY_ENDPOINTS = {
        {"PUT", "/site"},
        {"POST", "/account/auth/register"},
        {"POST", "/account/auth/login"},
        {"POST", "/account/auth/logout"},
        {"POST", "/account/invite"},
        {"DELETE", "/account/invite"},
        {"PUT", "/admin/registration_application/approve"},
        {"POST", "/admin/invite/revoke_all"},
        {"PUT", "/admin/invite/permission"},
        {"POST", "/admin/ban"}
    };

    private static final byte[][] MALFORMED = {
        bytes("{"),
        bytes("{\"a\":"),
        bytes("[]"),
        bytes("[{}]"),
        bytes("null"),
        bytes("42"),
        bytes("\"text\""),
        bytes("true"),
        bytes("{} {}"),
        bytes("{\"a\":1,\"a\":2}"),
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
        {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},
        {'{', 0, '}', 0},
        {0, 0, 0, '{', 0, 0, 0, '}'},
        // overlong forms of '/' and of 'A', a UTF-8 encoded surrogate, a lone continuation byte, a truncated sequence
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
        {'{', '"', 'a', '"', ':', '"', (byte) 0xE0, (byte) 0x81, (byte) 0x81, '"', '}'},
        {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
        {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},
        {'{', '"', 'a', '"', ':', '"', (byte) 0xF0, (byte) 0x9F, '"', '}'}
    };

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBodyEndpointRefusesWhatIsNotAJsonObjectEvenWithAValidSession() {
        for (String[] endpoint : BODY_ENDPOINTS) {
            for (byte[] body : MALFORMED) {
                Answer reply = api.exchange(HttpRequest.newBuilder(api.uri(endpoint[1]))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + api.adminToken)
                        .method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body)));

                String what = endpoint[0] + " " + endpoint[1] + " " + new String(body, StandardCharsets.UTF_8);
                assertThat(reply.status()).as(what).isEqualTo(400);
                assertThat(reply.error()).as(what).isEqualTo("bad_request");
                assertThat(reply.message()).as(what).isNotBlank();
            }
        }
        assertThat(api.get("/account", api.adminToken).status())
                .as("the session still works")
                .isEqualTo(200);
    }

    @Test
    void logoutWithAMalformedBodyKeepsTheSession() {
        String token = api.registerOpen("keeps_session", null);

        Answer reply = api.send("POST", "/account/auth/logout", "[\"not an object\"]", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("bad_request");
        assertThat(api.get("/account", token).status()).isEqualTo(200);
        assertThat(api.send("POST", "/account/auth/logout", "{}", token).status())
                .isEqualTo(200);
        assertThat(api.get("/account", token).status()).isEqualTo(401);
    }

    @Test
    void unpairedSurrogateEscapesAreRefusedNamingTheField() {
        // valid JSON syntax, but no Unicode text: PostgreSQL would store "?", Bouncy Castle's Argon2 throws on it
        for (String text : new String[] {"\\ud800", "abcdefghijkl\\udc00", "\\udbffx", "x\\ud800\\ud800"}) {
            Answer login = api.send(
                    "POST",
                    "/account/auth/login",
                    "{\"username_or_email\":\"someone\",\"password\":\"" + text + "\"}",
                    null);
            Answer site = api.send("PUT", "/site", "{\"name\":\"" + text + "\"}", api.adminToken);

            assertThat(login.status()).as(text).isEqualTo(400);
            assertThat(login.message()).contains("password", "Unicode");
            assertThat(site.status()).as(text).isEqualTo(400);
            assertThat(site.message()).contains("name", "Unicode");
        }
        Answer pair = api.send("PUT", "/site", "{\"name\":\"\\ud835\\udd4f\"}", api.adminToken);
        assertThat(pair.status()).as("a surrogate pair is one character").isEqualTo(200);
        assertThat(pair.body().at("/site_view/site/name").asText()).isEqualTo("\uD835\uDD4F");
    }
}
