package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages as the server serves them, beside the API: SPEC §7's headers on every answer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesEndpointTest {

    private TestApi api;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        api = TestApi.start();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private HttpResponse<String> fetch(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertPageHeaders(HttpResponse<String> answer) {
        String csp = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/signup", "/login", "/invites", "/account", "/admin"})
    void everyPageIsHtmlWithTheHeadersOfSpec7(String path) throws Exception {
        HttpResponse<String> page = fetch("GET", path, Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).startsWith("<!doctype html>").contains("<script type=\"module\" src=\"/assets/");
        assertPageHeaders(page);
    }

    @Test
    void theSignupPageIsServedWhateverTheTokenAndItsFilesWithTheirTypes() throws Exception {
        assertThat(fetch("GET", "/signup?token=abc", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> script = fetch("GET", "/assets/signup.js", Map.of());
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertPageHeaders(script);
        HttpResponse<String> css = fetch("GET", "/assets/site.css", Map.of());
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void anUnknownAddressIsAPageThatSaysSoAndTheApiStaysJson() throws Exception {
        HttpResponse<String> missing = fetch("GET", "/no/such/page", Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no page at this address");
        assertPageHeaders(missing);
        assertThat(fetch("GET", "/assets/../pom.xml", Map.of()).statusCode()).isEqualTo(404);

        HttpResponse<String> api404 = fetch("GET", "/api/v4/no/such/endpoint", Map.of());
        assertThat(api404.statusCode()).isEqualTo(404);
        assertThat(api404.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void pagesTakeNothingSentToThem() throws Exception {
        HttpResponse<String> posted = fetch("POST", "/signup", Map.of());
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertPageHeaders(posted);
    }

    @Test
    void aFileIsRevalidatedByItsTagAndHeadSendsNoBody() throws Exception {
        HttpResponse<String> first = fetch("GET", "/assets/ui.js", Map.of());
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> again = fetch("GET", "/assets/ui.js", Map.of("If-None-Match", tag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(fetch("GET", "/assets/api.js", Map.of("If-None-Match", tag)).statusCode())
                .as("another file's tag")
                .isEqualTo(200);

        HttpResponse<String> head = fetch("HEAD", "/login", Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length").map(Integer::parseInt))
                .hasValue(
                        first.statusCode() == 200
                                ? fetch("GET", "/login", Map.of()).body().getBytes(StandardCharsets.UTF_8).length
                                : -1);
    }

    @Test
    void nothingIsLoadedFromAnotherOrigin() throws Exception {
        for (String path : List.of("/", "/signup", "/login", "/invites", "/account", "/admin")) {
            assertThat(fetch("GET", path, Map.of()).body())
                    .doesNotContain("http:")
                    .doesNotContain("https:");
        }
    }
}
