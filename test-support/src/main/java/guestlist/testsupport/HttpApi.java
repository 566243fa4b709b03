package guestlist.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client of every test that talks to a running server (the REST adapter on the in-memory
 * store, the real wiring in-process, the jar as a process) on {@code http://127.0.0.1:port/api/v4}:
 * JSON in, as Lemmy's client sends it; status, headers, body and how long it took out. Every answer
 * of the API is JSON, errors included: one that is not fails the test at once. A request times out
 * after 30 s, far above what any answer may take, so a hang shows as a failure and not as a stuck
 * build. For what {@code java.net.http} will not send, see {@link RawClient}.
 *
 * <p>Every answer of the API (a request under its base path, {@code /api/v4}) is checked against
 * the API's OpenAPI document by {@link ApiContract}: an answer the document does not describe (an
 * unknown route or status, a field too many or missing, a code the route does not list) fails the
 * test at once, as does an accepted request that the document's parameters and request body do
 * not describe. No test can opt out.
 */
public class HttpApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;

    /** The API of a server on {@code port}: {@code http://127.0.0.1:port/api/v4}. */
    public HttpApi(int port) {
        this("http://127.0.0.1:" + port + "/api/v4");
    }

    /** Requests to {@code base} followed by the path a call names, e.g. a bare endpoint at {@code http://127.0.0.1:port}. */
    public HttpApi(String base) {
        this.base = base;
    }

    /**
     * An answer: its status, its body as JSON and as the text it came as, its headers, and the time
     * from sending the request to having the whole answer.
     */
    public record Answer(int status, JsonNode body, String text, Map<String, List<String>> headers, Duration took) {

        public String error() {
            return body.path("error").asText(null);
        }

        public String message() {
            return body.path("message").asText(null);
        }

        public String jwt() {
            return body.path("jwt").asText(null);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst();
        }

        @Override
        public String toString() {
            return status + " " + text + " in " + took.toMillis() + " ms";
        }
    }

    /** {@code object("name", "x", "max_uses", 3)}: a JSON object of names and values. */
    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    /** A registration form with {@link Credentials#PASSWORD}, and the invite token when there is one. */
    public static ObjectNode registration(String name, String inviteToken) {
        ObjectNode form =
                object("username", name, "password", Credentials.PASSWORD, "password_verify", Credentials.PASSWORD);
        if (inviteToken != null) {
            form.put("token", inviteToken);
        }
        return form;
    }

    /** A query parameter value, percent-encoded for a path such as {@code "/x?token=" + encode(token)}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The address of a path (and query) of this API. */
    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** A GET as the Lemmy client sends it: no body, no Content-Type. */
    public Answer get(String path, String token) {
        return exchange(request(path, token).GET());
    }

    public Answer post(String path, JsonNode body, String token) {
        return raw("POST", path, "application/json", bytes(body), token);
    }

    public Answer put(String path, JsonNode body, String token) {
        return raw("PUT", path, "application/json", bytes(body), token);
    }

    public Answer delete(String path, JsonNode body, String token) {
        return raw("DELETE", path, "application/json", bytes(body), token);
    }

    /** A request with a JSON body of the test's own writing, as the Lemmy client sends POST, PUT and DELETE. */
    public Answer send(String method, String path, String json, String token) {
        return raw(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), token);
    }

    /** Any request, with a raw body and content type ({@code null}: none) of the test's choosing. */
    public Answer raw(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder builder = request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return exchange(builder, Optional.of(body));
    }

    /** A request the test builds itself (on {@link #uri}); sent with the client's timeout. */
    public Answer exchange(HttpRequest.Builder request) {
        return exchange(request, Optional.empty());
    }

    /** @param sentBody the body sent, when known: an accepted request's body is checked against the document */
    private Answer exchange(HttpRequest.Builder builder, Optional<byte[]> sentBody) {
        long started = System.nanoTime();
        HttpRequest request = builder.timeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                throw new AssertionError("answer " + response.statusCode() + " is not JSON: " + text);
            }
            if (body == null || body.isMissingNode()) {
                throw new AssertionError("answer " + response.statusCode() + " has no JSON body");
            }
            Answer answer = new Answer(
                    response.statusCode(), body, text, response.headers().map(), took);
            checkAgainstDocument(request, sentBody, answer);
            return answer;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Holds an answer of the API, and an accepted request, to the API's OpenAPI document. */
    private static void checkAgainstDocument(HttpRequest request, Optional<byte[]> sentBody, Answer answer) {
        String target = request.uri().getRawPath()
                + (request.uri().getRawQuery() == null
                        ? ""
                        : "?" + request.uri().getRawQuery());
        ApiContract contract = ApiContract.shared();
        if (!contract.covers(target)) {
            return;
        }
        contract.checkAnswer(request.method(), target, answer.status(), answer::header, answer.body());
        if (answer.status() >= 200 && answer.status() < 300) {
            contract.checkAcceptedRequest(request.method(), target, sentBody);
        }
    }

    // --- the calls tests make often, with the answer checked ---

    /** Logs in; returns the session token. */
    public String login(String name, String password) {
        Answer answer = post("/account/auth/login", object("username_or_email", name, "password", password), null);
        expect(answer, 200, "log-in of " + name);
        return answer.jwt();
    }

    /** Registers with {@link Credentials#PASSWORD} and the invite token, when there is one. */
    public Answer register(String name, String inviteToken) {
        return post("/account/auth/register", registration(name, inviteToken), null);
    }

    /** Creates an invite as the session's user; returns its token. */
    public String createInvite(String session, Object... fields) {
        Answer answer = post("/account/invite", object(fields), session);
        expect(answer, 200, "create invite");
        return answer.body().path("invite").path("token").asText();
    }

    /** The id of the session's user. */
    public long myId(String session) {
        Answer answer = get("/account", session);
        expect(answer, 200, "GET /account");
        return answer.body().at("/local_user_view/local_user/id").asLong();
    }

    /** Whether {@code GET /health} answers 200 now; false while nothing listens. */
    public boolean healthy() {
        try {
            return get("/health", null).status() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    public static void expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + answer);
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
