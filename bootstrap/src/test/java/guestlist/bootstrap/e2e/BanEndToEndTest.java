package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * {@code POST /admin/ban} over HTTP against the real wiring and PostgreSQL, with the server's
 * clock replaced by one the test can move forward (a bean post-processor on the real wiring):
 * a ban ends the sessions and deletes the invites of every account it reaches, its log-in answers
 * {@code 403 site_ban} with the reason and the end, a ban with an end lifts itself then, banning
 * twice changes nothing more, lifting a ban gives back no invite, every action is in the log, and
 * every refusal answers its code and writes nothing.
 */
class BanEndToEndTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                Map.of(),
                context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof Clock && bean != CLOCK ? CLOCK : bean;
                    }
                }));
        h = new Harness(server, "ban");
        api = h.api();
        h.site("registration_mode", "require_invitation");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The system clock, moved forward by what the test asked. */
    private static final class ShiftedClock extends Clock {

        private volatile Duration shift = Duration.ZERO;

        void advance(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    // ---------------------------------------------------------------- steps

    /** A member brought in by {@code inviter}'s new invite; returns it logged in. */
    private static Member invitedBy(Member inviter) {
        String invite = h.createInvite(inviter.token()).path("token").asText();
        String name = h.newName();
        String token = h.registerWithInvite(name, invite);
        return new Member(name, token, h.localUserId(token));
    }

    private static ObjectNode ban(Member target, String reason, boolean includeInvitees) {
        return object("person_id", target.id(), "ban", true, "reason", reason, "include_invitees", includeInvitees);
    }

    private static HttpApi.Answer post(ObjectNode body) {
        return api.post("/admin/ban", body, h.adminToken());
    }

    private static JsonNode banned(ObjectNode body) {
        HttpApi.Answer answer = post(body);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body();
    }

    private static long invitesOf(Member member) {
        return server.count("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", member.id());
    }

    private static long sessionsOf(Member member) {
        return server.count("SELECT count(*) FROM login_token WHERE local_user_id = ?", member.id());
    }

    /** The log entries about {@code target}, oldest first, as text. */
    private static List<String> logOf(Member target) {
        return server.rows(
                "SELECT action || ' by ' || admin_local_user_id || ' include_invitees=' || include_invitees"
                        + " || ' affected=' || affected_accounts || ' revoked=' || revoked_invites || ' reason='"
                        + " || reason || ' expires_at=' || coalesce(extract(epoch FROM expires_at)::bigint::text, '-')"
                        + " FROM moderation_log WHERE target_local_user_id = ? ORDER BY id",
                target.id());
    }

    /** Every row of the tables a ban may write, as text. */
    private static List<String> stored() {
        return server.rows("SELECT 'local_user ' || t::text FROM local_user t UNION ALL "
                + "SELECT 'login_token ' || t::text FROM login_token t UNION ALL "
                + "SELECT 'local_user_invite ' || t::text FROM local_user_invite t UNION ALL "
                + "SELECT 'moderation_log ' || t::text FROM moderation_log t ORDER BY 1");
    }

    private static void assertRefused(Supplier<HttpApi.Answer> request, int status, String code, List<String> before) {
        assertError(request.get(), status, code);
        assertThat(stored()).as("%s writes nothing", code).isEqualTo(before);
    }

    // ---------------------------------------------------------------- bans

    @Test
    void aBranchBanEndsEverySessionDeletesEveryInviteAndRefusesEveryLogInWithTheReason() {
        Member top = h.member();
        Member child = invitedBy(top);
        Member grandchild = invitedBy(child);
        Member greatGrandchild = invitedBy(grandchild);
        Member bystander = h.member();
        String laptop = h.login(child.name(), PASSWORD);
        String topsSpare = h.createInvite(top.token()).path("token").asText();
        h.createInvite(greatGrandchild.token());
        String bystandersInvite =
                h.createInvite(bystander.token()).path("token").asText();

        JsonNode answer = banned(ban(top, "a ring of spam accounts", true));

        assertThat(answer.path("banned").asBoolean()).isTrue();
        assertThat(answer.path("affected_accounts").asLong()).isEqualTo(4);
        assertThat(answer.path("revoked_invites").asLong())
                .as("the three that brought the branch in, top's spare and the great-grandchild's")
                .isEqualTo(5);
        assertThat(answer.at("/person_view/person/id").asLong()).isEqualTo(top.id());
        assertThat(answer.at("/person_view/is_admin").asBoolean()).isFalse();
        assertThat(answer.at("/person_view/banned").asBoolean()).isTrue();
        assertThat(answer.at("/person_view").has("ban_expires_at")).isFalse();
        for (Member member : List.of(top, child, grandchild, greatGrandchild)) {
            assertError(api.get("/account", member.token()), 401, "not_logged_in");
            assertThat(sessionsOf(member)).isZero();
            assertThat(invitesOf(member)).isZero();
            HttpApi.Answer login = h.loginAnswer(member.name(), PASSWORD);
            assertError(login, 403, "site_ban");
            assertThat(login.message()).contains("a ring of spam accounts");
        }
        assertError(api.get("/account", laptop), 401, "not_logged_in");
        assertThat(h.valid(topsSpare)).isFalse();
        assertError(h.register(Harness.form(h.newName()).put("token", topsSpare)), 400, "invalid_invite_token");
        assertThat(h.localUserId(bystander.token())).isEqualTo(bystander.id());
        assertThat(h.valid(bystandersInvite)).isTrue();
        assertThat(logOf(top))
                .containsExactly("ban by " + h.adminId()
                        + " include_invitees=true affected=4 revoked=5 reason=a ring of spam accounts expires_at=-");
    }

    @Test
    void aBanWithoutInviteesReachesOnlyThePerson() {
        Member top = h.member();
        Member child = invitedBy(top);

        JsonNode answer = banned(ban(top, "just this one", false));

        assertThat(answer.path("affected_accounts").asLong()).isEqualTo(1);
        assertThat(h.localUserId(child.token())).isEqualTo(child.id());
        assertThat(invitesOf(top)).isZero();
    }

    @Test
    void banningTwiceChangesNothingMoreAndIsLoggedTwice() {
        Member top = h.member();
        invitedBy(top);
        banned(ban(top, "spam", true));

        JsonNode again = banned(ban(top, "spam", true));

        assertThat(again.path("affected_accounts").asLong()).isZero();
        assertThat(again.path("revoked_invites").asLong()).isZero();
        assertThat(again.path("banned").asBoolean()).isTrue();
        assertThat(logOf(top))
                .containsExactly(
                        "ban by " + h.adminId()
                                + " include_invitees=true affected=2 revoked=1 reason=spam expires_at=-",
                        "ban by " + h.adminId()
                                + " include_invitees=true affected=0 revoked=0 reason=spam expires_at=-");
    }

    @Test
    void unbanLetsTheBranchLogInAgainAndTheDeletedInvitesStayDeleted() {
        Member top = h.member();
        Member child = invitedBy(top);
        String invite = h.createInvite(child.token()).path("token").asText();
        banned(ban(top, "spam", true));

        JsonNode lifted = banned(
                object("person_id", top.id(), "ban", false, "reason", "a misunderstanding", "include_invitees", true));

        assertThat(lifted.path("banned").asBoolean()).isFalse();
        assertThat(lifted.path("affected_accounts").asLong()).isEqualTo(2);
        assertThat(lifted.path("revoked_invites").asLong()).isZero();
        assertThat(h.localUserId(h.login(child.name(), PASSWORD))).isEqualTo(child.id());
        assertThat(h.localUserId(h.login(top.name(), PASSWORD))).isEqualTo(top.id());
        assertThat(h.valid(invite)).isFalse();
        assertThat(invitesOf(child)).isZero();
        assertThat(logOf(top).get(1))
                .isEqualTo("unban by " + h.adminId()
                        + " include_invitees=true affected=2 revoked=0 reason=a misunderstanding expires_at=-");
    }

    @Test
    void aBanWithAnEndSaysSoAndLiftsItselfThen() {
        Member member = h.member();
        long end = CLOCK.instant().plus(Duration.ofHours(3)).getEpochSecond();

        JsonNode answer = banned(ban(member, "three hours off", false).put("expires_at", end));

        assertThat(Instant.parse(answer.at("/person_view/ban_expires_at").asText()))
                .isEqualTo(Instant.ofEpochSecond(end));
        HttpApi.Answer refused = h.loginAnswer(member.name(), PASSWORD);
        assertError(refused, 403, "site_ban");
        assertThat(refused.message())
                .contains("three hours off")
                .contains(Instant.ofEpochSecond(end).toString());
        assertThat(logOf(member).get(0)).endsWith("expires_at=" + end);
        assertThat(h
                        .api()
                        .get("/admin/users?banned_only=true&limit=50", h.adminToken())
                        .body()
                        .findValues("local_user")
                        .stream()
                        .map(user -> user.path("id").asLong()))
                .contains(member.id());

        CLOCK.advance(Duration.ofHours(3));

        String session = h.login(member.name(), PASSWORD);
        assertThat(h.localUserId(session)).isEqualTo(member.id());
        assertThat(h.createInvite(session).path("local_user_id").asLong())
                .as("and may invite again")
                .isEqualTo(member.id());
        assertThat(h
                        .api()
                        .get("/admin/users?banned_only=true&limit=50", h.adminToken())
                        .body()
                        .findValues("local_user")
                        .stream()
                        .map(user -> user.path("id").asLong()))
                .doesNotContain(member.id());
    }

    @Test
    void everyRefusalAnswersItsCodeAndWritesNothing() {
        Member member = h.member();
        Member other = h.member();
        h.createInvite(member.token());
        List<String> before = stored();
        long past = CLOCK.instant().minusSeconds(1).getEpochSecond();

        assertRefused(() -> post(object("person_id", 424_242L, "ban", true, "reason", "x")), 404, "not_found", before);
        assertRefused(() -> api.post("/admin/ban", ban(member, "x", true), other.token()), 403, "not_an_admin", before);
        assertRefused(() -> api.post("/admin/ban", ban(member, "x", true), null), 401, "not_logged_in", before);
        assertRefused(
                () -> post(object("person_id", h.adminId(), "ban", true, "reason", "x", "include_invitees", true)),
                403,
                "not_higher_admin",
                before);
        assertRefused(
                () -> post(ban(member, "x", true).put("expires_at", past)), 400, "ban_expiration_in_past", before);
        assertRefused(() -> post(ban(member, "x".repeat(1_001), true)), 400, "bad_request", before);
        assertRefused(() -> post(object("person_id", member.id(), "ban", true)), 400, "bad_request", before);
        assertRefused(() -> post(ban(member, "x", true).put("expires_at", 1.5)), 400, "bad_request", before);
        assertRefused(() -> api.send("PUT", "/admin/ban", "{}", h.adminToken()), 405, "method_not_allowed", before);

        assertThat(h.localUserId(member.token())).as("still logged in").isEqualTo(member.id());
    }

    @Test
    void aBannedBranchsInvitesAdmitNobodyAndItsSessionsMakeNoMore() {
        Member top = h.member();
        Member child = invitedBy(top);
        String invite = h.createInvite(child.token()).path("token").asText();
        banned(ban(top, "spam", true));

        assertError(h.register(Harness.form(h.newName()).put("token", invite)), 400, "invalid_invite_token");
        assertError(h.createInviteAnswer(child.token(), object()), 401, "not_logged_in");
        assertThat(invitesOf(child)).isZero();
    }
}
