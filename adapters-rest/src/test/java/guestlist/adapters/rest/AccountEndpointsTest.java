package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.application.port.in.CreateInviteCommand;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.invite.Invite;
import guestlist.domain.paging.PageSize;
import guestlist.domain.site.RegistrationMode;
import guestlist.testsupport.HttpApi.Answer;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountEndpointsTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Answer register(String fields) {
        return api.send("POST", "/account/auth/register", "{" + fields + "}", null);
    }

    private static String form(String name) {
        return "\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD
                + "\"";
    }

    private Answer login(String usernameOrEmail, String password) {
        return api.send(
                "POST",
                "/account/auth/login",
                "{\"username_or_email\":\"" + usernameOrEmail + "\",\"password\":\"" + password + "\"}",
                null);
    }

    private static void assertRefused(Answer reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(code);
        assertThat(reply.message()).isNotBlank();
        assertThat(reply.header("Content-Type")).hasValue("application/json");
    }

    // ------------------------------------------------------------------ register

    @Test
    void registerInOpenModeAnswersAJwtAtOnce() {
        api.setMode(RegistrationMode.OPEN);

        Answer reply = register(form("alice") + ",\"show_nsfw\":true,\"captcha_uuid\":\"x\",\"stay_logged_in\":true");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.body();
        assertThat(json.path("jwt").asText()).isNotBlank();
        assertThat(json.path("registration_created").isBoolean()).isTrue();
        assertThat(json.path("registration_created").asBoolean()).isFalse();
        assertThat(json.path("verify_email_sent").asBoolean()).isFalse();
        assertThat(json.size()).isEqualTo(3);
        assertThat(api.get("/account", json.path("jwt").asText()).status()).isEqualTo(200);
    }

    @Test
    void registerWithApplicationAnswersNoJwtAndRegistrationCreated() {
        Answer reply = register(form("bob") + ",\"answer\":\"let me in\"");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.body();
        assertThat(json.has("jwt")).as("absent jwt is omitted, not null").isFalse();
        assertThat(json.path("registration_created").asBoolean()).isTrue();
        assertThat(json.path("verify_email_sent").asBoolean()).isFalse();
    }

    @Test
    void registerWithAnInviteRecordsTheInviter() {
        LocalUser inviter = api.app.useCases().authenticate().authenticate(api.registerOpen("inviter", null));
        Invite invite = api.app
                .useCases()
                .createInvite()
                .createInvite(new CreateInviteCommand(inviter, Optional.empty(), Optional.empty()));
        api.setMode(RegistrationMode.REQUIRE_INVITATION);

        Answer reply =
                register(form("invitee") + ",\"token\":\"" + invite.token().value() + "\"");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode localUser = api.get("/account", reply.body().path("jwt").asText())
                .body()
                .path("local_user_view")
                .path("local_user");
        assertThat(localUser.path("invited_by_local_user_id").asLong())
                .isEqualTo(inviter.id().value());
    }

    @Test
    void registerRefusesEachBadFormField() {
        api.setMode(RegistrationMode.OPEN);
        assertRefused(register(form("no spaces!")), 400, "invalid_name");
        assertRefused(
                register("\"username\":\"carol\",\"password\":\"short\",\"password_verify\":\"short\""),
                400,
                "invalid_password");
        assertRefused(
                register("\"username\":\"carol\",\"password\":\"" + PASSWORD
                        + "\",\"password_verify\":\"something else entirely\""),
                400,
                "passwords_do_not_match");
        assertRefused(register(form("carol") + ",\"email\":\"not-an-address\""), 400, "invalid_email_address");
        assertRefused(register(form("carol") + ",\"honeypot\":\"I am a bot\""), 400, "honeypot_failed");
    }

    @Test
    void registerTreatsEmptyOptionalsAndNullsAsAbsent() {
        api.setMode(RegistrationMode.OPEN);

        Answer reply = register(form("dave") + ",\"email\":\"\",\"honeypot\":\"\",\"token\":null,\"answer\":null");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    @Test
    void registerRefusesWhatTheModeForbids() {
        assertRefused(register(form("erin")), 400, "registration_application_answer_required");
        api.setMode(RegistrationMode.REQUIRE_INVITATION);
        assertRefused(register(form("erin")), 400, "missing_invite_token");
        assertRefused(register(form("erin") + ",\"token\":\"garbage\""), 400, "invalid_invite_token");
        api.setMode(RegistrationMode.CLOSED);
        assertRefused(register(form("erin")), 403, "registration_closed");
    }

    @Test
    void registerRefusesTakenNameAndEmailIgnoringCase() {
        api.registerOpen("frank", "frank@example.com");

        assertRefused(register(form("FRANK")), 409, "username_already_taken");
        assertRefused(register(form("frank2") + ",\"email\":\"Frank@Example.com\""), 409, "email_already_taken");
    }

    @Test
    void registerNamesAMissingOrMistypedField() {
        Answer missing = register("\"username\":\"gina\",\"password\":\"" + PASSWORD + "\"");
        assertRefused(missing, 400, "bad_request");
        assertThat(missing.message()).contains("password_verify");

        Answer mistyped = register(form("gina") + ",\"stay_logged_in\":\"yes\"");
        assertRefused(mistyped, 400, "bad_request");
        assertThat(mistyped.message()).contains("stay_logged_in");

        Answer number =
                register("\"username\":42,\"password\":\"" + PASSWORD + "\",\"password_verify\":\"" + PASSWORD + "\"");
        assertRefused(number, 400, "bad_request");
        assertThat(number.message()).contains("username");
    }

    // ------------------------------------------------------------------ login

    @Test
    void loginAnswersAJwtByNameOrEmailInAnyCase() {
        api.registerOpen("hank", "hank@example.com");

        for (String who : new String[] {"hank", "HANK", "Hank@Example.com"}) {
            Answer reply = login(who, PASSWORD);

            assertThat(reply.status()).as(who).isEqualTo(200);
            assertThat(reply.body().path("jwt").asText()).isNotBlank();
            assertThat(reply.body().path("registration_created").asBoolean()).isFalse();
            assertThat(reply.body().path("verify_email_sent").asBoolean()).isFalse();
        }
    }

    @Test
    void loginRefusesWrongPasswordAndUnknownUserAlike() {
        api.registerOpen("ivan", null);

        Answer wrongPassword = login("ivan", "wrong password 123");
        Answer unknownUser = login("nobody_here", PASSWORD);

        assertRefused(wrongPassword, 401, "incorrect_login");
        assertRefused(unknownUser, 401, "incorrect_login");
        assertThat(wrongPassword.message()).isEqualTo(unknownUser.message());
    }

    @Test
    void loginRefusesPendingAndDeniedApplicants() {
        register(form("judy") + ",\"answer\":\"hello\"");
        assertRefused(login("judy", PASSWORD), 403, "registration_application_is_pending");

        ApplicationId applicationId = api.app
                .useCases()
                .listRegistrationApplications()
                .listApplications(ListRegistrationApplicationsQuery.of(
                        api.admin, Optional.of(true), PageSize.of(Optional.empty()), Optional.empty()))
                .items()
                .get(0)
                .application()
                .id();
        api.app
                .useCases()
                .decideRegistrationApplication()
                .decide(new DecideRegistrationApplicationCommand(
                        api.admin, applicationId, false, Optional.of("spam account")));

        Answer denied = login("judy", PASSWORD);
        assertRefused(denied, 403, "registration_denied");
        assertThat(denied.message()).contains("spam account");
    }

    @Test
    void loginNamesAMissingField() {
        Answer reply = api.send("POST", "/account/auth/login", "{\"username_or_email\":\"x\"}", null);

        assertRefused(reply, 400, "bad_request");
        assertThat(reply.message()).contains("password");
    }

    // ------------------------------------------------------------------ account

    @Test
    void getAccountAnswersTheOwnViewWithEmail() {
        String token = api.registerOpen("kate", "kate@example.com");

        Answer reply = api.get("/account", token);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.body().path("local_user_view");
        JsonNode localUser = view.path("local_user");
        JsonNode person = view.path("person");
        assertThat(person.path("name").asText()).isEqualTo("kate");
        assertThat(person.path("local").asBoolean()).isTrue();
        assertThat(person.path("published_at").asText()).endsWith("Z");
        assertThat(localUser.path("id").asLong()).isEqualTo(person.path("id").asLong());
        assertThat(localUser.path("person_id").asLong())
                .isEqualTo(person.path("id").asLong());
        assertThat(localUser.path("email").asText()).isEqualTo("kate@example.com");
        assertThat(localUser.path("admin").asBoolean()).isFalse();
        assertThat(localUser.path("accepted_application").asBoolean()).isTrue();
        assertThat(localUser.has("invited_by_local_user_id")).isFalse();
        assertThat(view.path("banned").isBoolean()).isTrue();
        assertThat(view.path("banned").asBoolean()).isFalse();
    }

    @Test
    void getAccountOmitsAnAbsentEmail() {
        JsonNode localUser = api.get("/account", api.adminToken)
                .body()
                .path("local_user_view")
                .path("local_user");

        assertThat(localUser.has("email")).isFalse();
        assertThat(localUser.path("admin").asBoolean()).isTrue();
    }

    @Test
    void getAccountRefusesMissingUnknownOrNonBearerTokens() {
        assertRefused(api.get("/account", null), 401, "not_logged_in");
        assertRefused(api.get("/account", "unknown-token"), 401, "not_logged_in");
        assertRefused(
                api.exchange(
                        HttpRequest.newBuilder(api.uri("/account")).header("Authorization", "Basic " + api.adminToken)),
                401,
                "not_logged_in");
        assertRefused(
                api.exchange(HttpRequest.newBuilder(api.uri("/account")).header("Authorization", "Bearer ")),
                401,
                "not_logged_in");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Answer reply = api.exchange(
                HttpRequest.newBuilder(api.uri("/account")).header("Authorization", "bearer " + api.adminToken));

        assertThat(reply.status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ logout

    @Test
    void logoutEndsTheSession() {
        String token = api.registerOpen("liam", null);

        Answer reply = api.send("POST", "/account/auth/logout", "{}", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("success").asBoolean()).isTrue();
        assertRefused(api.get("/account", token), 401, "not_logged_in");
        assertRefused(api.send("POST", "/account/auth/logout", "{}", token), 401, "not_logged_in");
    }

    @Test
    void logoutWithoutATokenIsRefused() {
        assertRefused(api.send("POST", "/account/auth/logout", "{}", null), 401, "not_logged_in");
    }

    // ------------------------------------------------------------------ change_password

    private Answer changePassword(String token, String newPassword, String verify, String oldPassword) {
        return api.send(
                "PUT",
                "/account/auth/change_password",
                "{\"new_password\":\"" + newPassword + "\",\"new_password_verify\":\"" + verify
                        + "\",\"old_password\":\"" + oldPassword + "\"}",
                token);
    }

    @Test
    void changePasswordAnswersAsLogInWithANewSession() {
        String token = api.registerOpen("mia", null);

        Answer reply = changePassword(token, "mia's new passphrase", "mia's new passphrase", PASSWORD);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().path("registration_created").isBoolean()).isTrue();
        assertThat(reply.body().path("registration_created").asBoolean()).isFalse();
        assertThat(reply.body().path("verify_email_sent").isBoolean()).isTrue();
        assertThat(reply.body().path("verify_email_sent").asBoolean()).isFalse();
        assertThat(reply.jwt()).isNotBlank().isNotEqualTo(token);
        assertThat(api.get("/account", reply.jwt()).status()).isEqualTo(200);
        assertRefused(api.get("/account", token), 401, "not_logged_in");
        assertThat(login("mia", "mia's new passphrase").status()).isEqualTo(200);
    }

    @Test
    void changePasswordRefusesEachBadField() {
        String token = api.registerOpen("noah", null);

        assertRefused(changePassword(null, "a new passphrase", "a new passphrase", PASSWORD), 401, "not_logged_in");
        assertRefused(changePassword(token, "short", "short", PASSWORD), 400, "invalid_password");
        assertRefused(
                changePassword(token, "a new passphrase", "another passphrase", PASSWORD),
                400,
                "passwords_do_not_match");
        assertRefused(
                changePassword(token, "a new passphrase", "a new passphrase", "not the password"),
                401,
                "incorrect_login");
        assertRefused(
                api.send("PUT", "/account/auth/change_password", "{\"new_password\":\"a new passphrase\"}", token),
                400,
                "bad_request");
        assertRefused(api.send("POST", "/account/auth/change_password", "{}", token), 405, "method_not_allowed");

        assertThat(api.get("/account", token).status()).as("still logged in").isEqualTo(200);
        assertThat(login("noah", PASSWORD).status())
                .as("the password is unchanged")
                .isEqualTo(200);
    }
}
