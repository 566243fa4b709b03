package guestlist.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import guestlist.adapters.rest.http.Limits;
import guestlist.application.UseCases;
import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link RestServer} on a free port, driving the real services on the in-memory store, with an
 * admin already logged in, and an HTTP client that speaks to it as Lemmy's client does.
 */
final class TestApi implements AutoCloseable {

    static final String ADMIN_NAME = "the_admin";
    static final String ADMIN_PASSWORD = "admin-password-0123";
    static final String PASSWORD = "correct horse battery";
    static final String PUBLIC_URL = "https://guestlist.example/";
    static final String VERSION = "0.1.0-test";
    static final Limits TEST_LIMITS = new Limits(64 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000);

    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryApplication app;
    final RestServer server;
    final LocalUser admin;
    final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApi(InMemoryApplication app, RestServer server) {
        this.app = app;
        this.server = server;
        this.admin = app.createAdmin(ADMIN_NAME, ADMIN_PASSWORD);
        server.start();
        this.adminToken = send("POST", "/account/auth/login",
                "{\"username_or_email\":\"" + ADMIN_NAME + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null)
                .json().path("jwt").asText();
    }

    static TestApi start() {
        return start(settings(0, 0), UnaryOperator.identity(), TEST_LIMITS);
    }

    static TestApi start(RestSettings settings) {
        return start(settings, UnaryOperator.identity(), TEST_LIMITS);
    }

    static TestApi start(RestSettings settings, UnaryOperator<RestUseCases> adjust, Limits limits) {
        InMemoryApplication app = new InMemoryApplication();
        RestServer server = new RestServer(settings, adjust.apply(useCasesOf(app)), VERSION, limits);
        return new TestApi(app, server);
    }

    static RestSettings settings(int authPerMinute, int validityPerMinute) {
        return new RestSettings("127.0.0.1", 0, PUBLIC_URL, authPerMinute, validityPerMinute, 8);
    }

    static RestUseCases useCasesOf(InMemoryApplication app) {
        UseCases u = app.useCases();
        return new RestUseCases(u.register(), u.login(), u.logout(), u.authenticate(), u.getSite(), u.editSite(),
                u.createInvite(), u.listInvites(), u.revokeInvite(), u.checkInviteValidity(),
                u.listRegistrationApplications(), u.getRegistrationApplication(), u.decideRegistrationApplication(),
                u.checkHealth());
    }

    /** The same use cases with another {@code GetSiteUseCase}. */
    static UnaryOperator<RestUseCases> withGetSite(GetSiteUseCase getSite) {
        return u -> new RestUseCases(u.register(), u.login(), u.logout(), u.authenticate(), getSite, u.editSite(),
                u.createInvite(), u.listInvites(), u.revokeInvite(), u.checkInviteValidity(),
                u.listRegistrationApplications(), u.getRegistrationApplication(), u.decideRegistrationApplication(),
                u.checkHealth());
    }

    int port() {
        return server.port();
    }

    InMemoryStore store() {
        return (InMemoryStore) app.store();
    }

    void setMode(RegistrationMode mode) {
        app.useCases().editSite().editSite(admin, new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(),
                Optional.empty()));
    }

    /** Registers {@code name} in open mode (switching to it) and returns the session token. */
    String registerOpen(String name, String email) {
        setMode(RegistrationMode.OPEN);
        String emailField = email == null ? "" : ",\"email\":\"" + email + "\"";
        Reply reply = send("POST", "/account/auth/register", "{\"username\":\"" + name + "\",\"password\":\""
                + PASSWORD + "\",\"password_verify\":\"" + PASSWORD + "\"" + emailField + "}", null);
        if (reply.status() != 200) {
            throw new IllegalStateException("registration failed: " + reply);
        }
        return reply.json().path("jwt").asText();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + Routes.BASE + pathAndQuery);
    }

    /** A GET as the Lemmy client sends it: no body, no Content-Type. */
    Reply get(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    /** A request with a JSON body, as the Lemmy client sends POST, PUT and DELETE. */
    Reply send(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** An answer: its status, headers and body. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText(null);
        }

        String message() {
            return json().path("message").asText(null);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
