package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session cookie of the pages (SPEC §7): set by log-in, registration and a password change,
 * cleared by log-out, accepted beside the Bearer header, and for writes only from the public URL's
 * origin ({@code cross_site_request} otherwise, writing nothing).
 */
class SessionCookieTest {

    /** {@link TestApi#PUBLIC_URL} is https: its origin, as a browser sends it. */
    private static final String ORIGIN = "https://guestlist.example";

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static Optional<String> setCookie(Answer answer) {
        return answer.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(header -> header.getValue().stream())
                .findFirst();
    }

    private Answer withCookie(String method, String path, String token, String origin, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .header("Cookie", "jwt=" + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return api.exchange(request);
    }

    private String member(String name) {
        api.setMode(guestlist.domain.site.RegistrationMode.OPEN);
        return api.register(name, null).jwt();
    }

    @Test
    void logInSetsAnHttpOnlyStrictSecureCookieHoldingTheSession() {
        member("alice");
        Answer login = api.post(
                "/account/auth/login", HttpApi.object("username_or_email", "alice", "password", PASSWORD), null);

        assertThat(setCookie(login))
                .hasValue("jwt=" + login.jwt() + "; Path=/; Max-Age=604800; HttpOnly; SameSite=Strict; Secure");
        Answer staying = api.post(
                "/account/auth/login",
                HttpApi.object("username_or_email", "alice", "password", PASSWORD, "stay_logged_in", true),
                null);
        assertThat(setCookie(staying))
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=34560000"));
        assertThat(withCookie("GET", "/account", login.jwt(), null, null)
                        .body()
                        .at("/local_user_view/person/name")
                        .asText())
                .isEqualTo("alice");
    }

    @Test
    void registrationThatLogsInSetsTheCookieAndAnApplicationDoesNot() {
        api.setMode(guestlist.domain.site.RegistrationMode.OPEN);
        Answer registered = api.register("bob", null);
        assertThat(setCookie(registered))
                .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("jwt=" + registered.jwt() + ";"));

        api.setMode(guestlist.domain.site.RegistrationMode.REQUIRE_APPLICATION);
        Answer applied = api.post(
                "/account/auth/register", HttpApi.registration("carol", null).put("answer", "hi"), null);
        assertThat(applied.status()).isEqualTo(200);
        assertThat(setCookie(applied)).isEmpty();

        Answer refused = api.register("bob", null);
        assertThat(refused.error()).isEqualTo("registration_application_answer_required");
        assertThat(setCookie(refused)).isEmpty();
    }

    @Test
    void writesWithTheCookieAreTakenFromThePublicOriginOnly() {
        String session = member("alice");

        for (String origin : new String[] {"https://evil.example", "http://guestlist.example", "null", null}) {
            Answer refused = withCookie("POST", "/account/invite", session, origin, "{}");
            assertThat(refused.status()).as("Origin %s", origin).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("cross_site_request");
        }
        assertThat(api.get("/account/invite/list", session).body().path("items").size())
                .as("nothing was written")
                .isZero();

        assertThat(withCookie("POST", "/account/invite", session, ORIGIN, "{}").status())
                .isEqualTo(200);
        assertThat(withCookie("GET", "/account", session, "https://evil.example", null)
                        .status())
                .as("a read is no write")
                .isEqualTo(200);
    }

    @Test
    void theBearerHeaderWinsAndNeedsNoOrigin() {
        String alice = member("alice");
        String bob = member("bob");
        HttpRequest.Builder both = HttpRequest.newBuilder(api.uri("/account/invite"))
                .header("Authorization", "Bearer " + bob)
                .header("Cookie", "jwt=" + alice)
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));

        Answer created = api.exchange(both);

        assertThat(created.status()).isEqualTo(200);
        assertThat(api.get("/account/invite/list", bob).body().path("items").size())
                .isEqualTo(1);
        assertThat(api.get("/account/invite/list", alice).body().path("items").size())
                .isZero();
    }

    @Test
    void logOutClearsTheCookieButNotFromAnotherOrigin() {
        String session = member("alice");

        Answer foreign = withCookie("POST", "/account/auth/logout", session, "https://evil.example", "{}");
        assertThat(foreign.error()).isEqualTo("cross_site_request");
        assertThat(setCookie(foreign)).as("nothing cleared").isEmpty();
        assertThat(api.get("/account", session).status()).isEqualTo(200);

        Answer out = withCookie("POST", "/account/auth/logout", session, ORIGIN, "{}");
        assertThat(out.status()).isEqualTo(200);
        assertThat(setCookie(out)).hasValue("jwt=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
        assertThat(api.get("/account", session).error()).isEqualTo("not_logged_in");

        Answer again = withCookie("POST", "/account/auth/logout", session, ORIGIN, "{}");
        assertThat(again.error()).isEqualTo("not_logged_in");
        assertThat(setCookie(again)).as("a dead cookie is cleared too").isPresent();
    }

    @Test
    void aPasswordChangeMovesTheCookieToTheNewSession() {
        String session = member("alice");
        Answer changed = withCookie(
                "PUT",
                "/account/auth/change_password",
                session,
                ORIGIN,
                "{\"old_password\":\"" + PASSWORD + "\",\"new_password\":\"another long password\","
                        + "\"new_password_verify\":\"another long password\"}");

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(setCookie(changed))
                .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("jwt=" + changed.jwt() + ";"));
    }

    @Test
    void anHttpPublicUrlSetsNoSecureFlagAndItsOriginCarriesThePort() {
        try (TestApi plain = TestApi.start(new RestSettings("127.0.0.1", 0, "http://Example.org:8080/", 0, 0, 8))) {
            plain.setMode(guestlist.domain.site.RegistrationMode.OPEN);
            Answer registered = plain.register("dora", null);
            assertThat(setCookie(registered))
                    .hasValueSatisfying(cookie -> assertThat(cookie).endsWith("SameSite=Strict"));
            HttpRequest.Builder write = HttpRequest.newBuilder(plain.uri("/account/invite"))
                    .header("Cookie", "jwt=" + registered.jwt())
                    .header("Origin", "http://example.org:8080")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            assertThat(plain.exchange(write).status()).isEqualTo(200);
            for (String other : List.of("http://example.org", "https://example.org:8080")) {
                write.setHeader("Origin", other);
                assertThat(plain.exchange(write).error()).as(other).isEqualTo("cross_site_request");
            }
        }
    }
}
