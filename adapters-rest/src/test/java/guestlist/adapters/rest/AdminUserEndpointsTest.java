package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.domain.paging.PagePosition;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/users} and {@code POST /admin/ban} at the route: the wire shapes of Lemmy's
 * {@code adminListUsers} and {@code banPerson}, each parameter's refusals, and the codes of the
 * use cases' refusals, on the in-memory store.
 */
class AdminUserEndpointsTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Member(String token, long id) {}

    private Member member(String name) {
        String token = api.registerOpen(name, name + "@example.com");
        return new Member(token, api.myId(token));
    }

    private Answer ban(String body) {
        return api.send("POST", "/admin/ban", body, api.adminToken);
    }

    private static void assertRefused(Answer reply, int status, String code, String mentioning) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).as(reply.text()).isEqualTo(code);
        assertThat(reply.message()).as(reply.text()).contains(mentioning);
    }

    private static List<Long> ids(Answer reply) {
        List<Long> ids = new ArrayList<>();
        reply.body()
                .path("items")
                .forEach(item -> ids.add(item.at("/local_user/id").asLong()));
        return ids;
    }

    // ---------------------------------------------------------------- GET /admin/users

    @Test
    void usersAreLocalUserViewsNewestFirstWithoutEmails() {
        Member alice = member("alice");
        Member bob = member("bob");

        Answer reply = api.get("/admin/users", api.adminToken);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(ids(reply))
                .containsExactly(bob.id(), alice.id(), api.admin.id().value());
        assertThat(reply.body().has("next_page")).isFalse();
        JsonNode view = reply.body().path("items").get(0);
        assertThat(view.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("local_user", "person", "banned", "invitee_count");
        assertThat(view.path("local_user").has("email"))
                .as("no e-mail in an admin's view")
                .isFalse();
        assertThat(view.at("/local_user/person_id").asLong()).isEqualTo(bob.id());
        assertThat(view.at("/local_user/can_invite").asBoolean()).isTrue();
        assertThat(view.at("/person/name").asText()).isEqualTo("bob");
        assertThat(view.at("/person/local").asBoolean()).isTrue();
        assertThat(view.path("banned").isBoolean()).isTrue();
        assertThat(view.path("banned").asBoolean()).isFalse();
        assertThat(view.path("invitee_count").asLong()).isZero();
    }

    @Test
    void sortOldAndPagesWithNextPage() {
        Member alice = member("alice");
        Member bob = member("bob");

        Answer first = api.get("/admin/users?sort=old&limit=2", api.adminToken);
        assertThat(ids(first)).containsExactly(api.admin.id().value(), alice.id());
        String cursor = first.body().path("next_page").asText();
        Answer second = api.get("/admin/users?sort=old&limit=2&page_cursor=" + cursor, api.adminToken);

        assertThat(ids(second)).containsExactly(bob.id());
        assertThat(second.body().has("next_page")).isFalse();
        assertThat(ids(api.get("/admin/users?sort=new", api.adminToken)))
                .containsExactly(bob.id(), alice.id(), api.admin.id().value());
    }

    @Test
    void bannedOnlyAndInvitedByFilter() {
        Member alice = member("alice");
        member("bob");
        String invite = api.createInvite(alice.token());
        Answer registered = api.register("guest", invite);
        long guest = api.myId(registered.jwt());
        assertThat(ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"spam\"}")
                        .status())
                .isEqualTo(200);

        assertThat(ids(api.get("/admin/users?banned_only=true", api.adminToken)))
                .containsExactly(alice.id());
        assertThat(ids(api.get("/admin/users?banned_only=false", api.adminToken)))
                .hasSize(4);
        Answer invitees = api.get("/admin/users?invited_by_local_user_id=" + alice.id(), api.adminToken);
        assertThat(ids(invitees)).containsExactly(guest);
        assertThat(invitees.body()
                        .at("/items/0/local_user/invited_by_local_user_id")
                        .asLong())
                .isEqualTo(alice.id());
        JsonNode aliceView =
                api.get("/admin/users?banned_only=true", api.adminToken).body().at("/items/0");
        assertThat(aliceView.path("banned").asBoolean()).isTrue();
        assertThat(aliceView.path("invitee_count").asLong()).isEqualTo(1);
        assertThat(aliceView.has("ban_expires_at")).as("a ban without an end").isFalse();
    }

    @Test
    void eachQueryParameterIsCheckedAndNamed() {
        for (String sort : List.of("", "NEW", "newest", "hot", "old ", "1")) {
            assertRefused(
                    api.get("/admin/users?sort=" + HttpApi.encode(sort), api.adminToken), 400, "bad_request", "sort");
        }
        for (String flag : List.of("", "yes", "1", "TRUE")) {
            assertRefused(
                    api.get("/admin/users?banned_only=" + flag, api.adminToken), 400, "bad_request", "banned_only");
        }
        for (String id : List.of("", "abc", "0", "-1", "1.5", "99999999999999999999")) {
            assertRefused(
                    api.get("/admin/users?invited_by_local_user_id=" + id, api.adminToken),
                    400,
                    "bad_request",
                    "invited_by_local_user_id");
        }
        assertRefused(
                api.get("/admin/users?invited_by_local_user_id=424242", api.adminToken), 404, "not_found", "424242");
        assertRefused(api.get("/admin/users?limit=0", api.adminToken), 400, "invalid_fetch_limit", "limit");
        assertRefused(api.get("/admin/users?limit=51", api.adminToken), 400, "invalid_fetch_limit", "limit");
        String applications = PageCursor.of(PageCursor.Listing.APPLICATIONS, new PagePosition(1))
                .encode();
        assertRefused(
                api.get("/admin/users?page_cursor=" + applications, api.adminToken),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
        assertRefused(api.get("/admin/users?sort=old&sort=new", api.adminToken), 400, "bad_request", "sort");
    }

    @Test
    void onlyAdminsListUsers() {
        Member alice = member("alice");

        assertRefused(api.get("/admin/users", alice.token()), 403, "not_an_admin", "");
        assertRefused(api.get("/admin/users", null), 401, "not_logged_in", "");
    }

    // ---------------------------------------------------------------- POST /admin/ban

    @Test
    void banAnswersThePersonViewTheFlagAndTheCounts() {
        Member alice = member("alice");
        api.createInvite(alice.token());
        long end = api.app.clock().instant().plus(Duration.ofDays(2)).getEpochSecond();

        Answer reply = ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"spam\",\"expires_at\":" + end
                + ",\"include_invitees\":true,\"remove_or_restore_data\":true}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("person_view", "banned", "affected_accounts", "revoked_invites");
        assertThat(body.path("banned").asBoolean()).isTrue();
        assertThat(body.path("affected_accounts").asLong()).isEqualTo(1);
        assertThat(body.path("revoked_invites").asLong()).isEqualTo(1);
        JsonNode view = body.path("person_view");
        assertThat(view.at("/person/id").asLong()).isEqualTo(alice.id());
        assertThat(view.at("/person/name").asText()).isEqualTo("alice");
        assertThat(view.path("is_admin").isBoolean()).isTrue();
        assertThat(view.path("is_admin").asBoolean()).isFalse();
        assertThat(view.path("banned").asBoolean()).isTrue();
        assertThat(Instant.parse(view.path("ban_expires_at").asText())).isEqualTo(Instant.ofEpochSecond(end));
        assertThat(view.path("ban_expires_at").asText()).endsWith("Z");
    }

    @Test
    void aBannedMembersSessionEndsAndItsLogInAnswersSiteBanWithTheReason() {
        Member alice = member("alice");

        assertThat(ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"posting spam\"}")
                        .status())
                .isEqualTo(200);

        assertRefused(api.get("/account", alice.token()), 401, "not_logged_in", "");
        Answer login = api.send(
                "POST",
                "/account/auth/login",
                "{\"username_or_email\":\"alice\",\"password\":\"" + PASSWORD + "\"}",
                null);
        assertRefused(login, 403, "site_ban", "posting spam");
    }

    @Test
    void unbanAnswersTheViewUnbanned() {
        Member alice = member("alice");
        ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"spam\"}");

        Answer reply = ban("{\"person_id\":" + alice.id() + ",\"ban\":false,\"reason\":\"sorry\",\"expires_at\":null}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().path("banned").asBoolean()).isFalse();
        assertThat(reply.body().at("/person_view/banned").asBoolean()).isFalse();
        assertThat(reply.body().at("/person_view").has("ban_expires_at")).isFalse();
        assertThat(reply.body().path("affected_accounts").asLong()).isEqualTo(1);
        assertThat(reply.body().path("revoked_invites").asLong()).isZero();
    }

    @Test
    void eachFieldOfTheBanIsCheckedAndNamed() {
        Member alice = member("alice");
        String person = "\"person_id\":" + alice.id();

        assertRefused(ban("{\"ban\":true,\"reason\":\"x\"}"), 400, "bad_request", "person_id");
        assertRefused(ban("{\"person_id\":0,\"ban\":true,\"reason\":\"x\"}"), 400, "bad_request", "person_id");
        assertRefused(
                ban("{\"person_id\":\"" + alice.id() + "\",\"ban\":true,\"reason\":\"x\"}"),
                400,
                "bad_request",
                "person_id");
        assertRefused(ban("{" + person + ",\"reason\":\"x\"}"), 400, "bad_request", "ban");
        assertRefused(ban("{" + person + ",\"ban\":\"true\",\"reason\":\"x\"}"), 400, "bad_request", "ban");
        assertRefused(ban("{" + person + ",\"ban\":true}"), 400, "bad_request", "reason");
        assertRefused(ban("{" + person + ",\"ban\":true,\"reason\":null}"), 400, "bad_request", "reason");
        assertRefused(ban("{" + person + ",\"ban\":true,\"reason\":5}"), 400, "bad_request", "reason");
        assertRefused(
                ban("{" + person + ",\"ban\":true,\"reason\":\"" + "x".repeat(1_001) + "\"}"),
                400,
                "bad_request",
                "reason");
        for (String expiry : List.of("1.5", "\"1900000000\"", "0", "-5", "253402300800", "1e10", "true")) {
            assertRefused(
                    ban("{" + person + ",\"ban\":true,\"reason\":\"x\",\"expires_at\":" + expiry + "}"),
                    400,
                    "bad_request",
                    "expires_at");
        }
        assertRefused(
                ban("{" + person + ",\"ban\":true,\"reason\":\"x\",\"include_invitees\":\"yes\"}"),
                400,
                "bad_request",
                "include_invitees");
        assertThat(api.get("/account", alice.token()).status())
                .as("never banned")
                .isEqualTo(200);
    }

    @Test
    void theUseCasesRefusalsHaveTheirCodes() {
        Member alice = member("alice");
        Member bob = member("bob");
        long past = api.app.clock().instant().minusSeconds(1).getEpochSecond();
        long now = api.app.clock().instant().getEpochSecond();

        assertRefused(ban("{\"person_id\":424242,\"ban\":true,\"reason\":\"x\"}"), 404, "not_found", "424242");
        assertRefused(
                ban("{\"person_id\":" + api.admin.id().value() + ",\"ban\":true,\"reason\":\"x\"}"),
                403,
                "not_higher_admin",
                "");
        assertRefused(
                ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"x\",\"expires_at\":" + past + "}"),
                400,
                "ban_expiration_in_past",
                "expires_at");
        assertRefused(
                ban("{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"x\",\"expires_at\":" + now + "}"),
                400,
                "ban_expiration_in_past",
                "expires_at");
        assertRefused(
                api.send(
                        "POST",
                        "/admin/ban",
                        "{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"x\"}",
                        bob.token()),
                403,
                "not_an_admin",
                "");
        assertRefused(
                api.send(
                        "POST", "/admin/ban", "{\"person_id\":" + alice.id() + ",\"ban\":true,\"reason\":\"x\"}", null),
                401,
                "not_logged_in",
                "");
        assertThat(api.get("/account", alice.token()).status())
                .as("never banned")
                .isEqualTo(200);
    }

    @Test
    void theOtherMethodsAreNotAllowed() {
        Answer get = api.get("/admin/ban", api.adminToken);
        assertRefused(get, 405, "method_not_allowed", "");
        assertThat(get.header("Allow")).hasValue("POST");
        Answer post = api.send("POST", "/admin/users", "{}", api.adminToken);
        assertRefused(post, 405, "method_not_allowed", "");
        assertThat(post.header("Allow")).hasValue("GET");
    }
}
