package guestlist.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guestlist's additions to {@code GET /account} on the real wiring and PostgreSQL, which the pages
 * show: {@code invited_by} (the welcome names the inviter) and {@code invite_allowance} (the cap and
 * quotas of {@code /invites} and what is left of them).
 */
class MyAccountEndToEndTest {

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "me");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode account(String session) {
        HttpApi.Answer answer = api.get("/account", session);
        HttpApi.expect(answer, 200, "GET /account");
        return answer.body();
    }

    @Test
    void anInvitedAccountIsToldWhoInvitedIt() {
        Member alice = h.member();
        String token = h.createInvite(alice.token()).path("token").asText();
        String bob = h.registerWithInvite(h.newName(), token);

        JsonNode mine = account(bob);

        assertThat(mine.at("/invited_by/name").asText()).isEqualTo(alice.name());
        assertThat(mine.at("/invited_by/id").asLong()).isEqualTo(alice.id());
        assertThat(mine.at("/local_user_view/local_user/invited_by_local_user_id")
                        .asLong())
                .isEqualTo(alice.id());
    }

    @Test
    void theAllowanceCountsFromTheDatabaseWhatIsLeftOfTheCapAndTheDailyLimit() {
        h.site("max_invites_per_user_allowed", 4, "invites_per_user_per_day", 5);
        try {
            Member carol = h.member();
            h.createInvite(carol.token());
            String revoked = h.createInvite(carol.token()).path("token").asText();
            HttpApi.expect(
                    api.delete("/account/invite", HttpApi.object("token", revoked), carol.token()), 200, "revoke");

            JsonNode allowance = account(carol.token()).path("invite_allowance");

            assertThat(allowance.path("unlimited").asBoolean()).isFalse();
            assertThat(allowance.path("max_invites_per_user_allowed").asInt()).isEqualTo(4);
            assertThat(allowance.path("usable_invites").asLong()).isEqualTo(1);
            assertThat(allowance.path("invites_per_user_per_day").asInt()).isEqualTo(5);
            assertThat(allowance.path("invites_created_last_day").asLong())
                    .as("the revoked one counts for the day")
                    .isEqualTo(2);
            assertThat(allowance.path("can_invite").asBoolean()).isTrue();
            assertThat(allowance.path("may_create_now").asBoolean()).isTrue();
            assertThat(allowance.has("may_invite_from")).isFalse();
        } finally {
            h.site("max_invites_per_user_allowed", 10, "invites_per_user_per_day", 0);
        }
    }

    @Test
    void aYoungAccountLearnsWhenItMayInviteAndAWithdrawnRightItsReason() {
        Member dora = h.member();
        h.site("invite_min_account_age_hours", 2);
        try {
            JsonNode young = account(dora.token()).path("invite_allowance");
            assertThat(Instant.parse(young.path("may_invite_from").asText()))
                    .isAfter(Instant.now().plusSeconds(3600));
            assertThat(young.path("may_create_now").asBoolean()).isFalse();
            assertThat(young.has("invites_created_last_day"))
                    .as("no daily limit, no count")
                    .isFalse();
        } finally {
            h.site("invite_min_account_age_hours", 0);
        }

        HttpApi.expect(
                api.put(
                        "/admin/invite/permission",
                        HttpApi.object("local_user_id", dora.id(), "can_invite", false, "reason", "too many bots"),
                        h.adminToken()),
                200,
                "withdraw");
        JsonNode withdrawn = account(dora.token()).path("invite_allowance");
        assertThat(withdrawn.path("can_invite").asBoolean()).isFalse();
        assertThat(withdrawn.path("invites_disabled_reason").asText()).isEqualTo("too many bots");
        assertThat(withdrawn.path("may_create_now").asBoolean()).isFalse();
    }

    @Test
    void anAdminIsUnlimitedAndJoinedWithoutAnInvite() {
        JsonNode mine = account(h.adminToken());

        assertThat(mine.path("invite_allowance").path("unlimited").asBoolean()).isTrue();
        assertThat(mine.has("invited_by")).isFalse();
    }
}
