package guestlist.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The small HTTP client of the tests that talk to a running server (in-process or a jar process),
 * on {@code http://127.0.0.1:port/api/v4}: JSON in; status, headers, JSON and how long it took out.
 * A request times out after 30 s, far above what any answer may take, so a hang shows as a failure
 * and not as a stuck build.
 */
public final class HttpApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PASSWORD = "correct horse battery";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v4";
    }

    /**
     * An answer: its status, its headers, its body as JSON (a missing or non-JSON body fails the
     * test) and the time from sending the request to having the whole answer.
     */
    public record Answer(int status, JsonNode body, Map<String, java.util.List<String>> headers, Duration took) {

        public String error() {
            return body.path("error").asText(null);
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
            return status + " " + body + " in " + took.toMillis() + " ms";
        }
    }

    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    /** A registration form with {@link #PASSWORD}, and the invite token when there is one. */
    public static ObjectNode registration(String name, String inviteToken) {
        ObjectNode form = object("username", name, "password", PASSWORD, "password_verify", PASSWORD);
        if (inviteToken != null) {
            form.put("token", inviteToken);
        }
        return form;
    }

    /** A query parameter value, percent-encoded for a path such as {@code "/x?token=" + encode(token)}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer post(String path, JsonNode body, String token) {
        return send(request(path, token).POST(json(body)).header("Content-Type", "application/json"));
    }

    public Answer put(String path, JsonNode body, String token) {
        return send(request(path, token).PUT(json(body)).header("Content-Type", "application/json"));
    }

    public Answer delete(String path, JsonNode body, String token) {
        return send(request(path, token).method("DELETE", json(body)).header("Content-Type", "application/json"));
    }

    /** Any request, with a raw body and content type of the test's choosing. */
    public Answer raw(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder builder = request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    // --- the calls tests make often, with the answer checked ---

    /** Logs in; returns the session token. */
    public String login(String name, String password) {
        Answer answer = post("/account/auth/login", object("username_or_email", name, "password", password), null);
        expect(answer, 200, "log-in of " + name);
        return answer.jwt();
    }

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

    public static void expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + answer);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private Answer send(HttpRequest.Builder builder) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                throw new AssertionError("answer " + response.statusCode() + " is not JSON: "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (body == null || body.isMissingNode()) {
                throw new AssertionError("answer " + response.statusCode() + " has no JSON body");
            }
            return new Answer(response.statusCode(), body, response.headers().map(), took);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
