package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.Limits;
import guestlist.testsupport.HttpApi.Answer;
import guestlist.testsupport.RawClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

    private static final int LIMIT = 64 * 1024;

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertEnvelope(Answer reply, int status, String code, String mentioning) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        assertThat(reply.body().size()).as("only error and message").isEqualTo(2);
        assertThat(reply.error()).isEqualTo(code);
        assertThat(reply.message()).contains(mentioning);
    }

    private Answer login(String body) {
        return api.send("POST", "/account/auth/login", body, null);
    }

    // ------------------------------------------------------------------ routing

    @Test
    void unknownPathIsNotFound() {
        assertEnvelope(api.get("/nothing/here", null), 404, "not_found", "/api/v4/nothing/here");
        // the root is the pages' front page (PagesEndpointTest); the API's own root is no endpoint
        assertEnvelope(api.exchange(HttpRequest.newBuilder(api.uri(""))), 404, "not_found", "");
        assertEnvelope(api.send("POST", "/account/auth/signup", "{}", null), 404, "not_found", "");
    }

    @Test
    void knownPathWithAnotherMethodIsMethodNotAllowedWithAllow() {
        Answer onSite = api.send("DELETE", "/site", "{}", api.adminToken);
        assertEnvelope(onSite, 405, "method_not_allowed", "DELETE");
        assertThat(onSite.header("Allow")).hasValue("GET, PUT");

        Answer onInvite = api.get("/account/invite", api.adminToken);
        assertEnvelope(onInvite, 405, "method_not_allowed", "GET");
        assertThat(onInvite.header("Allow")).hasValue("DELETE, POST");

        Answer onLogin = api.get("/account/auth/login", null);
        assertEnvelope(onLogin, 405, "method_not_allowed", "");
        assertThat(onLogin.header("Allow")).hasValue("POST");

        Answer onTree = api.send("POST", "/admin/invite/tree", "{}", api.adminToken);
        assertEnvelope(onTree, 405, "method_not_allowed", "POST");
        assertThat(onTree.header("Allow")).hasValue("GET");

        Answer onPermission = api.get("/admin/invite/permission", api.adminToken);
        assertEnvelope(onPermission, 405, "method_not_allowed", "GET");
        assertThat(onPermission.header("Allow")).hasValue("PUT");
    }

    // ------------------------------------------------------------------ size

    @Test
    void bodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        // a body timeout far longer than "at once": the server must not wait for the body at all
        Limits patient = new Limits(LIMIT, Duration.ofSeconds(30), Duration.ofSeconds(5), 1_000);
        try (TestApi own = TestApi.start(TestApi.settings(0, 0), u -> u, patient);
                RawClient.Connection raw = RawClient.connect(own.port())) {
            raw.write("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");

            RawClient.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.hasHeader("Content-Type", "application/json")).isTrue();
            assertThat(response.text()).contains("\"error\":\"payload_too_large\"");
            assertThat(raw.closedWithin(Duration.ofSeconds(3)))
                    .as("the server does not wait for the 10 MB")
                    .isTrue();
        }
    }

    @Test
    void bodyDeclaredOverTheLimitIsRefusedWithoutAskingForItOnExpectContinue() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("PUT /api/v4/site HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");

            RawClient.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"error\":\"payload_too_large\"");
        }
    }

    @Test
    void chunkedBodyJustOverTheLimitIsRefusedAndTheConnectionKept() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 4; i++) {
                raw.chunk(chunk);
            }
            raw.chunk(new byte[] {' ', ' '});
            raw.write("0\r\n\r\n");

            RawClient.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"error\":\"payload_too_large\"");
            raw.write("GET /api/v4/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.read().status())
                    .as("the same connection serves the next request")
                    .isEqualTo(200);
        }
    }

    @Test
    void endlessChunkedBodyIsCutOff() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[8 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            int sent = 0;
            try {
                for (; sent < 1024; sent++) {
                    raw.chunk(chunk);
                }
            } catch (java.io.IOException cutOff) {
                // the server stopped reading and closed the connection: what this test wants
            }
            assertThat(sent)
                    .as("chunks the server took before it cut the body off")
                    .isLessThan(1024);
        }
        assertThat(api.get("/health", null).status()).as("the server serves on").isEqualTo(200);
    }

    @Test
    void chunkedBodyExactlyAtTheLimitIsRead() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] body = ("{" + " ".repeat(LIMIT - 2) + "}").getBytes(StandardCharsets.UTF_8);
            for (int start = 0; start < body.length; start += 4096) {
                raw.chunk(Arrays.copyOfRange(body, start, Math.min(body.length, start + 4096)));
            }
            raw.write("0\r\n\r\n");

            RawClient.Response response = raw.read();

            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.text()).contains("\"error\":\"bad_request\"", "username_or_email");
        }
    }

    @Test
    void bodyOfAnUnknownPathIsReadWithinTheLimitsToo() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("POST /api/v4/nowhere HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.chunk("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            raw.write("0\r\n\r\n");

            RawClient.Response response = raw.read();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).contains("\"error\":\"not_found\"");
            raw.write("GET /api/v4/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
        }
    }

    @Test
    void endlessChunkedBodyOnAnEndpointWithoutBodyIsCutOffToo() throws Exception {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("GET /api/v4/site HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[8 * 1024];
            int sent = 0;
            try {
                for (; sent < 1024; sent++) {
                    raw.chunk(chunk);
                }
            } catch (java.io.IOException cutOff) {
                // the server stopped reading and closed the connection: what this test wants
            }
            assertThat(sent)
                    .as("chunks the server took before it cut the body off")
                    .isLessThan(1024);
        }
    }

    @Test
    void bodyExactlyAtTheLimitIsRead() {
        String padding = " ".repeat(LIMIT - 2);

        Answer reply = login("{" + padding + "}");

        assertEnvelope(reply, 400, "bad_request", "username_or_email");
    }

    @Test
    void bodyOneByteOverTheLimitIsTooLarge() {
        String padding = " ".repeat(LIMIT - 1);

        Answer reply = login("{" + padding + "}");

        assertEnvelope(reply, 413, "payload_too_large", String.valueOf(LIMIT));
    }

    // ------------------------------------------------------------------ media type

    @Test
    void bodyThatIsNotJsonIsUnsupportedMediaType() {
        for (String type : new String[] {
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/xml",
            "application/json; charset=iso-8859-1",
            "application/jsonp"
        }) {
            Answer reply = api.exchange(HttpRequest.newBuilder(api.uri("/account/auth/login"))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username_or_email\":\"a\",\"password\":\"b\"}")));

            assertThat(reply.status()).as(type).isEqualTo(415);
            assertThat(reply.error()).as(type).isEqualTo("unsupported_media_type");
        }
    }

    @Test
    void bodyWithoutContentTypeIsUnsupportedMediaType() {
        Answer reply = api.exchange(
                HttpRequest.newBuilder(api.uri("/account/auth/login")).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEnvelope(reply, 415, "unsupported_media_type", "application/json");
    }

    @Test
    void jsonWithParametersIsAccepted() {
        String token = api.registerOpen("params", null);
        for (String type : new String[] {
            "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/json; foo=bar"
        }) {
            Answer reply = api.exchange(HttpRequest.newBuilder(api.uri("/account/invite"))
                    .header("Content-Type", type)
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"max_uses\":1}")));

            assertThat(reply.status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void emptyBodyWithoutContentTypeCountsAsAnEmptyObject() {
        String token = api.registerOpen("nobody_body", null);

        Answer reply = api.exchange(HttpRequest.newBuilder(api.uri("/account/invite"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().path("invite").has("max_uses")).isFalse();
    }

    // ------------------------------------------------------------------ malformed JSON

    @Test
    void truncatedJsonIsBadRequest() {
        assertEnvelope(login("{\"username_or_email\":\"al"), 400, "bad_request", "not well-formed JSON");
        assertEnvelope(login("{\"username_or_email\":"), 400, "bad_request", "not well-formed JSON");
    }

    @Test
    void invalidUtf8IsBadRequest() {
        byte[] start = "{\"username_or_email\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start);
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        body.writeBytes(end);

        Answer reply = api.exchange(HttpRequest.newBuilder(api.uri("/account/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));

        assertEnvelope(reply, 400, "bad_request", "not well-formed JSON");
    }

    @Test
    void bodyThatIsNotAnObjectIsBadRequest() {
        for (String body : new String[] {"[]", "[{\"username_or_email\":\"a\"}]", "\"text\"", "42", "true", "null"}) {
            Answer reply = login(body);

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.error()).as(body).isEqualTo("bad_request");
            assertThat(reply.message()).as(body).contains("must be a JSON object");
        }
    }

    @Test
    void trailingContentAfterTheObjectIsBadRequest() {
        assertEnvelope(login("{\"username_or_email\":\"a\",\"password\":\"b\"} {}"), 400, "bad_request", "JSON");
    }

    @Test
    void duplicateFieldIsBadRequestNamingIt() {
        assertEnvelope(
                login("{\"username_or_email\":\"a\",\"password\":\"b\",\"password\":\"c\"}"),
                400,
                "bad_request",
                "password");
    }

    @Test
    void wrongTypesAreBadRequestNamingTheField() {
        assertEnvelope(
                login("{\"username_or_email\":[\"a\"],\"password\":\"b\"}"),
                400,
                "bad_request",
                "username_or_email must be a string");
        assertEnvelope(
                login("{\"username_or_email\":{},\"password\":\"b\"}"),
                400,
                "bad_request",
                "username_or_email must be a string");
        assertEnvelope(
                login("{\"username_or_email\":\"a\",\"password\":1}"), 400, "bad_request", "password must be a string");
        assertEnvelope(
                login("{\"username_or_email\":\"a\",\"password\":\"b\",\"stay_logged_in\":1}"),
                400,
                "bad_request",
                "stay_logged_in must be true or false");
    }

    @Test
    void nulCharacterInAStringIsBadRequestNamingTheField() {
        assertEnvelope(
                login("{\"username_or_email\":\"a\\u0000b\",\"password\":\"b\"}"),
                400,
                "bad_request",
                "username_or_email must not contain NUL");
        assertEnvelope(
                api.send(
                        "POST",
                        "/account/auth/register",
                        "{\"username\":\"nul_user\",\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD
                                + "\",\"answer\":\"x\\u0000\"}",
                        null),
                400,
                "bad_request",
                "answer");
    }

    @Test
    void deepNestingIsBadRequest() {
        String deep = "[".repeat(100) + "]".repeat(100);

        Answer reply = login("{\"username_or_email\":\"a\",\"password\":\"b\",\"extra\":" + deep + "}");

        assertEnvelope(reply, 400, "bad_request", "nested more than 32 levels");
    }

    @Test
    void hugeNumberIsBadRequestNamingTheField() {
        String token = api.registerOpen("numbers", null);

        Answer reply = api.send("POST", "/account/invite", "{\"max_uses\":" + "9".repeat(1000) + "}", token);

        assertEnvelope(reply, 400, "bad_request", "max_uses");
        assertThat(reply.message()).contains("more than 30 characters");
    }

    @Test
    void hugeNumberInAnIgnoredFieldIsStillRefused() {
        assertEnvelope(
                login("{\"junk\":1" + "0".repeat(100) + ",\"username_or_email\":\"a\",\"password\":\"b\"}"),
                400,
                "bad_request",
                "junk");
    }

    @Test
    void commentsAndSingleQuotesAreNotJson() {
        assertEnvelope(login("{'username_or_email':'a','password':'b'}"), 400, "bad_request", "JSON");
        assertEnvelope(login("{/* c */\"username_or_email\":\"a\",\"password\":\"b\"}"), 400, "bad_request", "JSON");
    }

    // ------------------------------------------------------------------ bugs

    @Test
    void unexpectedExceptionIsAnUnknownErrorWithALoggedIdAndNoStackTrace() {
        try (TestApi broken = TestApi.start(
                TestApi.settings(0, 0),
                TestApi.withGetSite(() -> {
                    throw new IllegalStateException("secret detail at guestlist.Internal.method");
                }),
                TestApi.TEST_LIMITS)) {
            Answer reply = broken.get("/site", null);

            assertEnvelope(reply, 500, "unknown", "logged with id");
            assertThat(reply.message()).containsPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(reply.text()).doesNotContain("secret detail", "IllegalStateException", "at guestlist", "\tat ");
        }
    }

    @Test
    void everyAnswerCarriesNoStoreAndNoSniff() {
        Answer ok = api.get("/site", null);
        Answer error = api.get("/nothing", null);

        for (Answer reply : new Answer[] {ok, error}) {
            assertThat(reply.header("Cache-Control")).hasValue("no-store");
            assertThat(reply.header("X-Content-Type-Options")).hasValue("nosniff");
        }
    }
}
