package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /account/auth/change_password} over HTTP against the real wiring: the new password
 * works and the old one no longer, every session of the account ends (the asking one too) and
 * the answer carries a new one, and each refusal answers its code and writes nothing.
 */
class ChangePasswordEndToEndTest {

    private static final String PATH = "/account/auth/change_password";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "pw");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode form(String newPassword, String verify, String oldPassword) {
        return object("new_password", newPassword, "new_password_verify", verify, "old_password", oldPassword);
    }

    private static HttpApi.Answer change(String session, ObjectNode form) {
        return api.put(PATH, form, session);
    }

    private static long sessionsOf(Member member) {
        return server.count("SELECT count(*) FROM login_token WHERE local_user_id = ?", member.id());
    }

    /** Every row of the tables a password change may write, as text. */
    private static List<String> stored() {
        return server.rows("SELECT 'local_user ' || t::text FROM local_user t UNION ALL "
                + "SELECT 'login_token ' || t::text FROM login_token t ORDER BY 1");
    }

    @Test
    void theNewPasswordLogsInAndTheOldOneNoLonger() {
        Member member = h.member();

        HttpApi.Answer changed = change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD));

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(h.localUserId(h.login(member.name(), NEW_PASSWORD))).isEqualTo(member.id());
        assertError(h.loginAnswer(member.name(), PASSWORD), 401, "incorrect_login");
        String hash = server.rows("SELECT password_hash FROM local_user WHERE id = ?", member.id())
                .get(0);
        assertThat(hash).startsWith("$argon2id$").doesNotContain(NEW_PASSWORD);
    }

    @Test
    void everySessionEndsTheAskingOneIncludedAndTheAnswerIsANewOneAsLogInAnswers() {
        Member member = h.member();
        String laptop = h.login(member.name(), PASSWORD);
        String phone = h.login(member.name(), PASSWORD);
        Member other = h.member();

        HttpApi.Answer changed = change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD));

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.body().size()).as("%s", changed).isEqualTo(3);
        assertThat(changed.body().path("registration_created").isBoolean()).isTrue();
        assertThat(changed.body().path("registration_created").asBoolean()).isFalse();
        assertThat(changed.body().path("verify_email_sent").isBoolean()).isTrue();
        assertThat(changed.body().path("verify_email_sent").asBoolean()).isFalse();
        String fresh = changed.jwt();
        assertThat(fresh).isNotBlank().isNotIn(member.token(), laptop, phone);
        for (String ended : List.of(member.token(), laptop, phone)) {
            assertError(api.get("/account", ended), 401, "not_logged_in");
        }
        assertError(change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)), 401, "not_logged_in");
        assertThat(h.localUserId(fresh)).isEqualTo(member.id());
        assertThat(sessionsOf(member)).as("only the new session is stored").isEqualTo(1);
        assertThat(h.localUserId(other.token())).as("another account's session").isEqualTo(other.id());
        assertThat(h.localUserId(h.adminToken())).isEqualTo(h.adminId());
    }

    @Test
    void theNewSessionLastsOneWeekOrWithStayLoggedInUntilLogOut() {
        Member weekly = h.member();
        Member staying = h.member();

        Instant before = Instant.now();
        assertThat(change(weekly.token(), form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD))
                        .status())
                .isEqualTo(200);
        String fresh = change(
                        staying.token(),
                        form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD).put("stay_logged_in", true))
                .jwt();

        Instant expires = Instant.parse(server.rows(
                        "SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                                + "FROM login_token WHERE local_user_id = ?",
                        weekly.id())
                .get(0));
        assertThat(expires)
                .isBetween(
                        before.plus(Duration.ofDays(7)).minusSeconds(1),
                        Instant.now().plus(Duration.ofDays(7)));
        assertThat(server.rows("SELECT expires_at::text FROM login_token WHERE local_user_id = ?", staying.id()))
                .containsExactly((String) null);
        assertThat(h.localUserId(fresh)).isEqualTo(staying.id());
    }

    @Test
    void theSamePasswordAgainStillEndsTheOtherSessions() {
        Member member = h.member();
        String other = h.login(member.name(), PASSWORD);

        HttpApi.Answer changed = change(member.token(), form(PASSWORD, PASSWORD, PASSWORD));

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertError(api.get("/account", other), 401, "not_logged_in");
        assertThat(h.localUserId(h.login(member.name(), PASSWORD))).isEqualTo(member.id());
    }

    @Test
    void eachRefusalAnswersItsCodeAndWritesNothing() {
        Member member = h.member();
        String loggedOut = h.login(member.name(), PASSWORD);
        assertThat(api.post("/account/auth/logout", object(), loggedOut).status())
                .isEqualTo(200);
        String tooLong = "x".repeat(61);
        List<String> before = stored();

        assertRefused(() -> change(null, form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD)), 401, "not_logged_in", before);
        assertRefused(
                () -> change(Harness.unknownToken(), form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD)),
                401,
                "not_logged_in",
                before);
        assertRefused(
                () -> change(loggedOut, form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD)), 401, "not_logged_in", before);
        assertRefused(
                () -> change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD, "not the password")),
                401,
                "incorrect_login",
                before);
        assertRefused(
                () -> change(
                        member.token(), form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD.toUpperCase(java.util.Locale.ROOT))),
                401,
                "incorrect_login",
                before);
        assertRefused(() -> change(member.token(), form("short", "short", PASSWORD)), 400, "invalid_password", before);
        assertRefused(() -> change(member.token(), form(tooLong, tooLong, PASSWORD)), 400, "invalid_password", before);
        assertRefused(
                () -> change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD + "!", PASSWORD)),
                400,
                "passwords_do_not_match",
                before);
        assertRefused(
                () -> change(member.token(), object("new_password", NEW_PASSWORD, "new_password_verify", NEW_PASSWORD)),
                400,
                "bad_request",
                before);
        assertRefused(
                () -> change(
                        member.token(),
                        form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD).put("stay_logged_in", "yes")),
                400,
                "bad_request",
                before);
        assertRefused(
                () -> api.post(PATH, form(NEW_PASSWORD, NEW_PASSWORD, PASSWORD), member.token()),
                405,
                "method_not_allowed",
                before);

        assertThat(h.localUserId(member.token()))
                .as("the member is still logged in")
                .isEqualTo(member.id());
        assertThat(h.login(member.name(), PASSWORD)).as("with the old password").isNotBlank();
    }

    @Test
    void theChecksComeInOrderSessionShapeRepetitionOldPassword() {
        Member member = h.member();

        assertError(change(null, form("short", "other", "wrong old password")), 401, "not_logged_in");
        assertError(change(member.token(), form("short", "other", "wrong old password")), 400, "invalid_password");
        assertError(
                change(member.token(), form(NEW_PASSWORD, "other passphrase", "wrong old password")),
                400,
                "passwords_do_not_match");
        assertError(
                change(member.token(), form(NEW_PASSWORD, NEW_PASSWORD, "wrong old password")), 401, "incorrect_login");
    }

    private static void assertRefused(Supplier<HttpApi.Answer> request, int status, String code, List<String> before) {
        assertError(request.get(), status, code);
        assertThat(stored()).as("%s writes nothing", code).isEqualTo(before);
    }
}
