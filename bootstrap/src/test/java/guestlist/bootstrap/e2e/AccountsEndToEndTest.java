package guestlist.bootstrap.e2e;

import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, log-in and the site over HTTP against the real wiring and an embedded PostgreSQL. */
class AccountsEndToEndTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static TestServer server;
    private static HttpApi api;
    private static String adminToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        adminToken = login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        setMode("open");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String login(String nameOrEmail, String password) {
        HttpApi.Answer answer =
                api.post("/account/auth/login", object("username_or_email", nameOrEmail, "password", password), null);
        assertThat(answer.status()).as("log-in %s", answer).isEqualTo(200);
        assertThat(answer.body().path("registration_created").asBoolean(true)).isFalse();
        assertThat(answer.body().path("verify_email_sent").asBoolean(true)).isFalse();
        return answer.body().path("jwt").asText();
    }

    private static void setMode(String mode) {
        HttpApi.Answer answer = api.put("/site", object("registration_mode", mode), adminToken);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().at("/site_view/local_site/registration_mode").asText())
                .isEqualTo(mode);
    }

    private static String newName() {
        return "user_" + NAMES.incrementAndGet();
    }

    private static ObjectNode registration(String name) {
        return object("username", name, "password", PASSWORD, "password_verify", PASSWORD);
    }

    private static HttpApi.Answer register(ObjectNode form) {
        return api.post("/account/auth/register", form, null);
    }

    private static void assertError(HttpApi.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.error()).as("%s", answer).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    @Test
    void healthReportsTheDatabase() {
        HttpApi.Answer answer = api.get("/health", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(object("status", "ok", "database", "ok"));
    }

    @Test
    void siteShowsSettingsAdminsAndVersionToAnyone() {
        HttpApi.Answer answer = api.get("/site", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode localSite = answer.body().at("/site_view/local_site");
        assertThat(localSite.path("registration_mode").asText())
                .as("the mode the set-up chose")
                .isEqualTo("open");
        assertThat(localSite.path("max_invites_per_user_allowed").isInt()).isTrue();
        assertThat(localSite.path("published_at").asText()).endsWith("Z");
        assertThat(answer.body().at("/site_view/site/name").asText()).isNotBlank();
        assertThat(answer.body().path("admins")).anySatisfy(admin -> {
            assertThat(admin.path("name").asText()).isEqualTo(Credentials.ADMIN_NAME);
            assertThat(admin.path("local").asBoolean()).isTrue();
        });
        assertThat(answer.body().path("version").asText()).isNotBlank();
    }

    @Test
    void adminEditsTheSiteAndAbsentFieldsStayUnchanged() {
        HttpApi.Answer edited = api.put(
                "/site",
                object("name", "Renamed", "application_question", "Why join?", "max_invites_per_user_allowed", 7),
                adminToken);
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);

        JsonNode site = api.get("/site", null).body();
        assertThat(site.at("/site_view/site/name").asText()).isEqualTo("Renamed");
        assertThat(site.at("/site_view/local_site/application_question").asText())
                .isEqualTo("Why join?");
        assertThat(site.at("/site_view/local_site/max_invites_per_user_allowed").asInt())
                .isEqualTo(7);
        assertThat(site.at("/site_view/local_site/registration_mode").asText()).isEqualTo("open");
    }

    @Test
    void editingTheSiteNeedsAnAdmin() {
        String name = newName();
        String token = register(registration(name)).body().path("jwt").asText();

        assertError(api.put("/site", object("name", "Mine now"), token), 403, "not_an_admin");
        assertError(api.put("/site", object("name", "Mine now"), null), 401, "not_logged_in");
        assertError(
                api.put("/site", object("max_invites_per_user_allowed", 1_000_001), adminToken), 400, "bad_request");
        assertError(api.put("/site", object("registration_mode", "sometimes"), adminToken), 400, "bad_request");
    }

    @Test
    void registerInOpenModeLogsTheNewUserIn() {
        String name = newName();
        HttpApi.Answer answer = register(registration(name).put("email", name + "@example.org"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().path("registration_created").asBoolean(true)).isFalse();
        assertThat(answer.body().path("verify_email_sent").asBoolean(true)).isFalse();
        String token = answer.body().path("jwt").asText();

        HttpApi.Answer me = api.get("/account", token);
        assertThat(me.status()).isEqualTo(200);
        JsonNode localUser = me.body().at("/local_user_view/local_user");
        assertThat(localUser.path("admin").asBoolean(true)).isFalse();
        assertThat(localUser.path("accepted_application").asBoolean()).isTrue();
        assertThat(localUser.path("email").asText()).isEqualTo(name + "@example.org");
        assertThat(localUser.has("invited_by_local_user_id")).isFalse();
        assertThat(localUser.path("person_id").asLong())
                .isEqualTo(localUser.path("id").asLong());
        assertThat(me.body().at("/local_user_view/person/name").asText()).isEqualTo(name);
        assertThat(me.body().at("/local_user_view/person/local").asBoolean()).isTrue();
        assertThat(me.body().at("/local_user_view/banned").asBoolean(true)).isFalse();
    }

    @Test
    void loginWorksByNameOrEmailIgnoringCase() {
        String name = newName();
        register(registration(name).put("email", name + "@Example.org"));

        assertThat(login(name.toUpperCase(Locale.ROOT), PASSWORD)).isNotBlank();
        assertThat(login(name + "@EXAMPLE.ORG", PASSWORD)).isNotBlank();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String name = newName();
        register(registration(name));

        HttpApi.Answer wrongPassword = api.post(
                "/account/auth/login", object("username_or_email", name, "password", "not the password"), null);
        HttpApi.Answer unknownUser =
                api.post("/account/auth/login", object("username_or_email", "nobody_here", "password", PASSWORD), null);

        assertError(wrongPassword, 401, "incorrect_login");
        assertError(unknownUser, 401, "incorrect_login");
        assertThat(wrongPassword.body().path("message"))
                .isEqualTo(unknownUser.body().path("message"));
    }

    @Test
    void logoutEndsTheSession() {
        String token = register(registration(newName())).body().path("jwt").asText();

        HttpApi.Answer answer = api.post("/account/auth/logout", object(), token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(object("success", true));
        assertError(api.get("/account", token), 401, "not_logged_in");
    }

    @Test
    void accountNeedsALiveSession() {
        assertError(api.get("/account", null), 401, "not_logged_in");
        assertError(api.get("/account", "not-a-session"), 401, "not_logged_in");
    }

    @Test
    void registrationFormErrorsHaveTheirCodes() {
        assertError(register(registration("no")), 400, "invalid_name");
        assertError(register(registration("has space")), 400, "invalid_name");
        assertError(
                register(object("username", newName(), "password", "short", "password_verify", "short")),
                400,
                "invalid_password");
        assertError(
                register(object("username", newName(), "password", PASSWORD, "password_verify", PASSWORD + "!")),
                400,
                "passwords_do_not_match");
        assertError(register(registration(newName()).put("email", "not-an-address")), 400, "invalid_email_address");
        assertError(register(registration(newName()).put("honeypot", "I am a bot")), 400, "honeypot_failed");
    }

    @Test
    void namesAndEmailsAreUniqueIgnoringCase() {
        String name = newName();
        assertThat(register(registration(name).put("email", name + "@example.org"))
                        .status())
                .isEqualTo(200);

        assertError(register(registration(name.toUpperCase(Locale.ROOT))), 409, "username_already_taken");
        assertError(
                register(registration(newName()).put("email", name.toUpperCase(Locale.ROOT) + "@EXAMPLE.org")),
                409,
                "email_already_taken");
    }

    @Test
    void closedSiteRefusesRegistration() {
        setMode("closed");
        try {
            assertError(register(registration(newName())), 403, "registration_closed");
        } finally {
            setMode("open");
        }
    }

    @Test
    void malformedRequestsGetTheEnvelope() {
        assertError(api.get("/no/such/path", null), 404, "not_found");
        assertError(
                api.raw("DELETE", "/site", "application/json", "{}".getBytes(StandardCharsets.UTF_8), adminToken),
                405,
                "method_not_allowed");
        assertError(
                api.raw(
                        "POST",
                        "/account/auth/register",
                        "application/json",
                        "{\"username\":".getBytes(StandardCharsets.UTF_8),
                        null),
                400,
                "bad_request");
        assertError(
                api.raw(
                        "POST",
                        "/account/auth/register",
                        "application/json",
                        "{\"username\": 5, \"password\": \"x\", \"password_verify\": \"x\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        null),
                400,
                "bad_request");
        assertError(
                api.raw(
                        "POST",
                        "/account/auth/register",
                        "text/plain",
                        "username=someone".getBytes(StandardCharsets.UTF_8),
                        null),
                415,
                "unsupported_media_type");
        assertError(
                api.raw("POST", "/account/auth/register", "application/json", new byte[70 * 1024], null),
                413,
                "payload_too_large");
    }

    @Test
    void unknownRequestFieldsAreIgnored() {
        HttpApi.Answer answer =
                register(registration(newName()).put("show_nsfw", true).put("captcha_uuid", "x"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    }
}
