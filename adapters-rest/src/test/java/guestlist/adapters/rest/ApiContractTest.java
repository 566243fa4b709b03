package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.testsupport.ApiContract;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.RawClient;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check that holds every answer a test receives to the OpenAPI document catches drift: a field
 * too many or missing, a null for an absent value, a timestamp not in UTC, a code or a status the
 * route does not list, a route the document lacks, a missing required header, an accepted request
 * the document does not describe; and the test clients really apply it.
 */
class ApiContractTest {

    private static final ApiContract CONTRACT = ApiContract.shared();

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Optional<String> noHeaders(String name) {
        return Optional.empty();
    }

    private static List<String> problems(String method, String target, int status, JsonNode body) {
        return CONTRACT.answerProblems(method, target, status, ApiContractTest::noHeaders, body);
    }

    private static JsonNode json(String text) {
        try {
            return HttpApi.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode site() {
        return api.get("/site", null).body().deepCopy();
    }

    @Test
    void aRealAnswerFitsTheDocument() {
        assertThat(problems("GET", "/api/v4/site", 200, site())).isEmpty();
        assertThat(problems("GET", "/api/v4/site?unknown=1", 200, site()))
                .as("the query string is set aside")
                .isEmpty();
    }

    @Test
    void aFieldTheDocumentDoesNotListFails() {
        JsonNode site = site();
        ((ObjectNode) site.path("site_view").path("site")).put("sidebar", "x");

        assertThat(problems("GET", "/api/v4/site", 200, site))
                .singleElement()
                .asString()
                .contains("sidebar");
    }

    @Test
    void aMissingRequiredFieldFails() {
        ObjectNode site = (ObjectNode) site();
        site.remove("version");

        assertThat(problems("GET", "/api/v4/site", 200, site))
                .singleElement()
                .asString()
                .contains("version");
    }

    @Test
    void aNullForAnAbsentValueFails() {
        ObjectNode site = (ObjectNode) site();
        ((ObjectNode) site.path("site_view").path("local_site")).putNull("application_question");

        assertThat(problems("GET", "/api/v4/site", 200, site)).isNotEmpty();
    }

    @Test
    void aTimestampOutsideUtcFails() {
        ObjectNode site = (ObjectNode) site();
        ((ObjectNode) site.path("site_view").path("site")).put("published_at", "2026-01-31T12:00:00+01:00");

        assertThat(problems("GET", "/api/v4/site", 200, site)).isNotEmpty();
    }

    @Test
    void aCodeTheRouteDoesNotListFails() {
        JsonNode banned = json("{\"error\":\"site_ban\",\"message\":\"banned\"}");
        JsonNode capped = json("{\"error\":\"too_many_invites\",\"message\":\"over the cap\"}");

        assertThat(problems("GET", "/api/v4/account", 403, banned)).isEmpty();
        assertThat(problems("GET", "/api/v4/account", 403, capped)).isNotEmpty();
        assertThat(problems("POST", "/api/v4/account/invite", 403, capped)).isEmpty();
        assertThat(problems("POST", "/api/v4/account/invite", 401, banned))
                .as("a code under another status")
                .isNotEmpty();
    }

    @Test
    void anErrorBodyBeyondTheEnvelopeFails() {
        assertThat(problems("GET", "/api/v4/site", 503, json("{\"error\":\"service_unavailable\",\"message\":\"x\"}")))
                .isEmpty();
        assertThat(problems(
                        "GET",
                        "/api/v4/site",
                        503,
                        json("{\"error\":\"service_unavailable\",\"message\":\"x\",\"trace\":\"at ...\"}")))
                .isNotEmpty();
        assertThat(problems("GET", "/api/v4/site", 503, json("{\"error\":\"service_unavailable\",\"message\":\"\"}")))
                .isNotEmpty();
    }

    @Test
    void aStatusTheRouteDoesNotListFails() {
        assertThat(problems("GET", "/api/v4/site", 404, json("{\"error\":\"not_found\",\"message\":\"x\"}")))
                .singleElement()
                .asString()
                .contains("status 404");
    }

    @Test
    void aPathTheDocumentLacksAllowsOnlyTheAnswersOfAnUnknownPath() {
        JsonNode notFound = json("{\"error\":\"not_found\",\"message\":\"no such endpoint\"}");

        assertThat(problems("GET", "/api/v4/no/such/path", 404, notFound)).isEmpty();
        assertThat(problems("GET", "/api/v4/no/such/path", 200, json("{}"))).isNotEmpty();
        assertThat(problems("GET", "/api/v4/site/", 200, site())).isNotEmpty();
    }

    @Test
    void aMethodTheDocumentLacksAllowsOnlyMethodNotAllowedWithAllow() {
        JsonNode notAllowed = json("{\"error\":\"method_not_allowed\",\"message\":\"no\"}");

        assertThat(CONTRACT.answerProblems("PATCH", "/api/v4/site", 405, name -> Optional.of("GET, PUT"), notAllowed))
                .isEmpty();
        assertThat(problems("PATCH", "/api/v4/site", 405, notAllowed))
                .singleElement()
                .asString()
                .contains("Allow");
        assertThat(problems("PATCH", "/api/v4/site", 200, site())).isNotEmpty();
    }

    @Test
    void tooManyRequestsNeedsRetryAfterInSeconds() {
        JsonNode tooMany = json("{\"error\":\"too_many_requests\",\"message\":\"wait\"}");
        String login = "/api/v4/account/auth/login";

        assertThat(CONTRACT.answerProblems("POST", login, 429, name -> Optional.of("30"), tooMany))
                .isEmpty();
        assertThat(problems("POST", login, 429, tooMany)).isNotEmpty();
        assertThat(CONTRACT.answerProblems("POST", login, 429, name -> Optional.of("soon"), tooMany))
                .isNotEmpty();
        assertThat(problems("GET", "/api/v4/account", 429, tooMany))
                .as("a route without a rate limit")
                .isNotEmpty();
    }

    @Test
    void anAcceptedRequestTheDocumentDoesNotDescribeFails() {
        assertThat(CONTRACT.acceptedRequestProblems("GET", "/api/v4/account/invite/list?limit=5&x=1", Optional.empty()))
                .isEmpty();
        assertThat(CONTRACT.acceptedRequestProblems("GET", "/api/v4/account/invite/list?limit=51", Optional.empty()))
                .isNotEmpty();
        assertThat(CONTRACT.acceptedRequestProblems(
                        "GET", "/api/v4/account/invite/list?limit=5&limit=6", Optional.empty()))
                .isNotEmpty();
        assertThat(CONTRACT.acceptedRequestProblems("GET", "/api/v4/admin/invite/tree", Optional.empty()))
                .as("a required parameter missing")
                .isNotEmpty();
        assertThat(CONTRACT.acceptedRequestProblems("POST", "/api/v4/account/invite", Optional.of(utf8("{}"))))
                .isEmpty();
        assertThat(CONTRACT.acceptedRequestProblems("POST", "/api/v4/account/invite", Optional.of(new byte[0])))
                .as("no body is {}")
                .isEmpty();
        assertThat(CONTRACT.acceptedRequestProblems(
                        "POST", "/api/v4/account/invite", Optional.of(utf8("{\"max_uses\":0,\"unknown\":1}"))))
                .singleElement()
                .asString()
                .contains("max_uses");
        assertThat(CONTRACT.acceptedRequestProblems(
                        "POST", "/api/v4/account/invite", Optional.of(utf8("{\"max_uses\":null}"))))
                .as("an optional field may be null")
                .isEmpty();
        assertThat(CONTRACT.acceptedRequestProblems("POST", "/api/v4/account/invite", Optional.of(utf8("[]"))))
                .isNotEmpty();
    }

    /**
     * SPEC §3: timestamps are RFC 3339, whose times have seconds; the document says so
     * ({@code format: date-time}), and the server refuses a time without them, as it accepts the
     * lower-case {@code t} and {@code z} that RFC 3339 allows.
     */
    @Test
    void anInviteExpiryWithoutSecondsIsRefusedAsTheDocumentSays() {
        String member = api.registerOpen("contract_expiry", null);
        java.time.LocalDateTime later = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .plusDays(30)
                .withNano(0);
        String withoutSeconds = later.withSecond(0).toString().substring(0, 16) + "Z";

        HttpApi.Answer refused = api.post("/account/invite", HttpApi.object("expires_at", withoutSeconds), member);

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("bad_request");
        assertThat(CONTRACT.acceptedRequestProblems(
                        "POST",
                        "/api/v4/account/invite",
                        Optional.of(utf8("{\"expires_at\":\"" + withoutSeconds + "\"}"))))
                .as("the document does not describe it")
                .isNotEmpty();
        String lowerCase = later.toString().replace('T', 't') + "z";
        assertThat(api.post("/account/invite", HttpApi.object("expires_at", lowerCase), member)
                        .status())
                .isEqualTo(200);
    }

    /**
     * A server that answers GET /api/v4/health with a field the document lacks, and every DELETE
     * with {@code {"success":true}} whatever was asked.
     */
    private static Undertow liar() {
        Undertow liar = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender()
                            .send(
                                    exchange.getRequestMethod().toString().equals("DELETE")
                                            ? "{\"success\":true}"
                                            : "{\"status\":\"ok\",\"database\":\"ok\",\"uptime\":1}");
                })
                .build();
        liar.start();
        return liar;
    }

    private static int port(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Test
    void theTestClientsFailOnAnAnswerTheDocumentDoesNotDescribe() {
        Undertow liar = liar();
        try {
            int port = port(liar);
            assertThatThrownBy(() -> new HttpApi(port).get("/health", null))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("uptime")
                    .hasMessageContaining("does not allow");
            assertThatThrownBy(() -> new RawClient(port).send("GET", "/api/v4/health", List.of(), null))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("uptime");
            assertThatThrownBy(() -> new RawClient(port)
                            .sendRaw(utf8("GET /api/v4/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("uptime");
            assertThat(new HttpApi("http://127.0.0.1:" + port)
                            .get("/elsewhere", null)
                            .status())
                    .as("outside /api/v4 nothing is checked")
                    .isEqualTo(200);
        } finally {
            liar.stop();
        }
    }

    @Test
    void theTestClientsFailOnAnAcceptedRequestTheDocumentDoesNotDescribe() {
        Undertow liar = liar();
        try {
            int port = port(liar);
            assertThat(new HttpApi(port)
                            .delete("/account/invite", HttpApi.object("token", "x"), "s")
                            .status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> new HttpApi(port).delete("/account/invite", HttpApi.object("token", 5), "s"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("was accepted")
                    .hasMessageContaining("token");
            assertThatThrownBy(() -> new RawClient(port).json("DELETE", "/api/v4/account/invite", "s", "{}"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("token");
        } finally {
            liar.stop();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
