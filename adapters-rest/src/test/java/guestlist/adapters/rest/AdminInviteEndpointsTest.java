package guestlist.adapters.rest;

import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's invite-branch endpoints on the wire (SPEC §6), on the in-memory store: their
 * answers' shapes and field names, absent fields left out, their cursors, and the error code of
 * each refusal.
 */
class AdminInviteEndpointsTest {

    private TestApi api;

    /** An account over HTTP: its session and its id. */
    private record Account(String token, long id) {}

    // alice -> bob -> carl
    private Account alice;
    private Account bob;
    private Account carl;

    @BeforeEach
    void start() {
        api = TestApi.start();
        String aliceToken = api.registerOpen("alice", "alice@example.com");
        alice = new Account(aliceToken, api.myId(aliceToken));
        bob = invitedBy(alice, "bob");
        carl = invitedBy(bob, "carl");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Account invitedBy(Account inviter, String name) {
        Answer registered = api.register(name, api.createInvite(inviter.token()));
        HttpApi.expect(registered, 200, "register " + name);
        return new Account(registered.jwt(), api.myId(registered.jwt()));
    }

    private static void assertRefused(Answer reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).as(reply.text()).isEqualTo(code);
        assertThat(reply.message()).as(reply.text()).isNotBlank();
        assertThat(reply.body().size()).as("only error and message").isEqualTo(2);
    }

    private static List<Long> ids(JsonNode items, String path) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.at(path).asLong())
                .toList();
    }

    private Answer revokeAll(Object... fields) {
        return api.post("/admin/invite/revoke_all", object(fields), api.adminToken);
    }

    private Answer permission(Object... fields) {
        return api.put("/admin/invite/permission", object(fields), api.adminToken);
    }

    // --- GET /admin/invite/tree ---

    @Test
    void treeItemsAreLocalUserViewsWithDepthAndInviterAndNoEmail() {
        Answer reply = api.get("/admin/invite/tree?local_user_id=" + alice.id(), api.adminToken);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode items = reply.body().path("items");
        assertThat(ids(items, "/local_user_view/local_user/id")).containsExactly(bob.id(), carl.id());
        JsonNode first = items.get(0);
        assertThat(first.path("depth").asInt()).isEqualTo(1);
        assertThat(first.path("invited_by_local_user_id").asLong()).isEqualTo(alice.id());
        JsonNode view = first.path("local_user_view");
        assertThat(view.path("local_user").path("person_id").asLong()).isEqualTo(bob.id());
        assertThat(view.path("local_user").path("invited_by_local_user_id").asLong())
                .isEqualTo(alice.id());
        assertThat(view.path("local_user").path("can_invite").asBoolean()).isTrue();
        assertThat(view.path("local_user").path("published_at").asText()).endsWith("Z");
        assertThat(view.path("local_user").has("email")).isFalse();
        assertThat(view.path("person").path("name").asText()).isEqualTo("bob");
        assertThat(view.path("person").path("local").asBoolean()).isTrue();
        assertThat(view.path("banned").asBoolean(true)).isFalse();
        assertThat(view.has("ban_expires_at")).isFalse();
        assertThat(view.path("invitee_count").asInt()).isEqualTo(1);
        assertThat(items.get(1).path("depth").asInt()).isEqualTo(2);
        assertThat(items.get(1).path("invited_by_local_user_id").asLong()).isEqualTo(bob.id());
        assertThat(reply.body().has("next_page")).isFalse();
        assertThat(reply.text()).doesNotContain("alice@example.com");
    }

    @Test
    void treePagesWithItsOwnCursor() {
        Answer first = api.get("/admin/invite/tree?local_user_id=" + alice.id() + "&limit=1", api.adminToken);
        String cursor = first.body().path("next_page").asText();
        Answer second = api.get(
                "/admin/invite/tree?local_user_id=" + alice.id() + "&limit=1&page_cursor=" + cursor, api.adminToken);

        assertThat(ids(first.body().path("items"), "/local_user_view/local_user/id"))
                .containsExactly(bob.id());
        assertThat(PageCursor.decode(PageCursor.Listing.INVITE_TREE, cursor))
                .isEqualTo(new PageCursor(PageCursor.Listing.INVITE_TREE, bob.id()));
        assertThat(ids(second.body().path("items"), "/local_user_view/local_user/id"))
                .containsExactly(carl.id());
        assertThat(second.body().has("next_page")).isFalse();
        String inviteCursor = new PageCursor(PageCursor.Listing.INVITES, bob.id()).encode();
        assertRefused(
                api.get(
                        "/admin/invite/tree?local_user_id=" + alice.id() + "&page_cursor=" + inviteCursor,
                        api.adminToken),
                400,
                "couldnt_parse_pagination_token");
    }

    @Test
    void listingsRefuseWhatTheyCannotServe() {
        for (String path : List.of("/admin/invite/tree", "/admin/invite/ancestry", "/admin/invite/list")) {
            String id = "?local_user_id=" + bob.id();
            assertRefused(api.get(path + id, null), 401, "not_logged_in");
            assertRefused(api.get(path + id, bob.token()), 403, "not_an_admin");
            assertRefused(api.get(path, api.adminToken), 400, "bad_request");
            assertRefused(api.get(path + "?local_user_id=abc", api.adminToken), 400, "bad_request");
            assertRefused(api.get(path + "?local_user_id=0", api.adminToken), 400, "bad_request");
            assertRefused(api.get(path + "?local_user_id=987654", api.adminToken), 404, "not_found");
            assertRefused(api.get(path + id + "&limit=0", api.adminToken), 400, "invalid_fetch_limit");
            assertRefused(api.get(path + id + "&limit=51", api.adminToken), 400, "invalid_fetch_limit");
            assertRefused(api.get(path + id + "&limit=x", api.adminToken), 400, "invalid_fetch_limit");
            assertRefused(api.get(path + id + "&page_cursor=x", api.adminToken), 400, "couldnt_parse_pagination_token");
        }
        assertRefused(api.get("/admin/invite/log", bob.token()), 403, "not_an_admin");
        assertRefused(api.get("/admin/invite/log?limit=0", api.adminToken), 400, "invalid_fetch_limit");
        assertRefused(
                api.get("/admin/invite/log?page_cursor=x", api.adminToken), 400, "couldnt_parse_pagination_token");
        assertRefused(api.get("/admin/invite/log", null), 401, "not_logged_in");
    }

    // --- GET /admin/invite/ancestry ---

    @Test
    void ancestryItemsAreTheInvitersNearestFirst() {
        Answer reply = api.get("/admin/invite/ancestry?local_user_id=" + carl.id(), api.adminToken);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(ids(reply.body().path("items"), "/local_user/id")).containsExactly(bob.id(), alice.id());
        assertThat(reply.body().path("items").get(0).path("person").path("name").asText())
                .isEqualTo("bob");
        assertThat(reply.body().path("items").get(0).path("invitee_count").asInt())
                .isEqualTo(1);
        assertThat(reply.body().has("next_page")).isFalse();

        Answer page = api.get("/admin/invite/ancestry?local_user_id=" + carl.id() + "&limit=1", api.adminToken);
        Answer rest = api.get(
                "/admin/invite/ancestry?local_user_id=" + carl.id() + "&limit=1&page_cursor="
                        + page.body().path("next_page").asText(),
                api.adminToken);
        assertThat(ids(rest.body().path("items"), "/local_user/id")).containsExactly(alice.id());
    }

    // --- GET /admin/invite/list ---

    @Test
    void anAccountsInvitesReadAsTheAccountReadsThem() {
        api.createInvite(bob.token(), "max_uses", 3);
        api.createInvite(bob.token());

        Answer asAdmin = api.get("/admin/invite/list?local_user_id=" + bob.id() + "&limit=2", api.adminToken);
        Answer asBob = api.get("/account/invite/list?limit=2", bob.token());

        assertThat(asAdmin.status()).as(asAdmin.text()).isEqualTo(200);
        assertThat(asAdmin.body()).isEqualTo(asBob.body());
        String cursor = asAdmin.body().path("next_page").asText();
        assertThat(api.get("/admin/invite/list?local_user_id=" + bob.id() + "&page_cursor=" + cursor, api.adminToken)
                        .body())
                .isEqualTo(api.get("/account/invite/list?page_cursor=" + cursor, bob.token())
                        .body());
    }

    // --- POST /admin/invite/revoke_all ---

    @Test
    void revokeAllAnswersTheCounts() {
        api.createInvite(bob.token());
        api.createInvite(carl.token());

        Answer alone = revokeAll("local_user_id", carl.id(), "reason", "spam");
        Answer branch = revokeAll("local_user_id", alice.id(), "include_invitees", true, "reason", "spam");

        assertThat(alone.status()).as(alone.text()).isEqualTo(200);
        assertThat(alone.body()).isEqualTo(object("revoked_invites", 1, "affected_accounts", 1));
        assertThat(branch.body()).isEqualTo(object("revoked_invites", 3, "affected_accounts", 2));
    }

    @Test
    void revokeAllRefusals() {
        assertRefused(revokeAll("local_user_id", 1, "reason", "admins"), 403, "not_higher_admin");
        assertRefused(revokeAll("local_user_id", 987_654, "reason", "who"), 404, "not_found");
        assertRefused(revokeAll("reason", "no target"), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", bob.id()), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", bob.id(), "reason", null), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", String.valueOf(bob.id()), "reason", "x"), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", 0, "reason", "x"), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", bob.id(), "reason", 5), 400, "bad_request");
        assertRefused(
                revokeAll("local_user_id", bob.id(), "include_invitees", "yes", "reason", "x"), 400, "bad_request");
        assertRefused(revokeAll("local_user_id", bob.id(), "reason", "r".repeat(1_001)), 400, "bad_request");
        assertRefused(
                api.post("/admin/invite/revoke_all", object("local_user_id", carl.id(), "reason", "x"), bob.token()),
                403,
                "not_an_admin");
        assertThat(api.get("/admin/invite/log", api.adminToken).body().path("items"))
                .as("no refusal is logged")
                .isEmpty();
    }

    // --- PUT /admin/invite/permission ---

    @Test
    void withdrawingTheRightAnswersTheTargetAndRefusesItsNextInvite() {
        Answer reply = permission("local_user_id", bob.id(), "can_invite", false, "reason", "sold invites");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode view = reply.body().path("local_user_view");
        assertThat(view.path("local_user").path("id").asLong()).isEqualTo(bob.id());
        assertThat(view.path("local_user").path("can_invite").asBoolean(true)).isFalse();
        assertThat(view.path("banned").asBoolean(true)).isFalse();
        assertThat(view.path("person").path("name").asText()).isEqualTo("bob");
        Answer refused = api.post("/account/invite", object(), bob.token());
        assertRefused(refused, 403, "invites_disabled");
        assertThat(refused.message()).contains("sold invites");
        assertThat(api.post("/account/invite", object(), carl.token()).status())
                .as("without include_invitees, its invitees still may")
                .isEqualTo(200);

        Answer back =
                permission("local_user_id", bob.id(), "can_invite", true, "include_invitees", true, "reason", "ok");
        assertThat(back.body().at("/local_user_view/local_user/can_invite").asBoolean())
                .isTrue();
        assertThat(api.post("/account/invite", object(), bob.token()).status()).isEqualTo(200);
    }

    @Test
    void permissionRefusals() {
        assertRefused(permission("local_user_id", 1, "can_invite", false, "reason", "x"), 403, "not_higher_admin");
        assertRefused(permission("local_user_id", 987_654, "can_invite", false, "reason", "x"), 404, "not_found");
        assertRefused(permission("local_user_id", bob.id(), "reason", "x"), 400, "bad_request");
        assertRefused(permission("local_user_id", bob.id(), "can_invite", "false", "reason", "x"), 400, "bad_request");
        assertRefused(permission("local_user_id", bob.id(), "can_invite", false), 400, "bad_request");
        assertRefused(permission("can_invite", false, "reason", "x"), 400, "bad_request");
        assertRefused(permission("local_user_id", -3, "can_invite", false, "reason", "x"), 400, "bad_request");
        assertRefused(
                api.put(
                        "/admin/invite/permission",
                        object("local_user_id", carl.id(), "can_invite", false, "reason", "x"),
                        bob.token()),
                403,
                "not_an_admin");
        assertThat(api.post("/account/invite", object(), bob.token()).status()).isEqualTo(200);
    }

    // --- GET /admin/invite/log ---

    @Test
    void theLogShowsEachActionNewestFirstWithItsPeople() {
        revokeAll("local_user_id", carl.id(), "reason", "first");
        permission("local_user_id", bob.id(), "can_invite", false, "include_invitees", true, "reason", "second");
        permission("local_user_id", bob.id(), "can_invite", true, "reason", "third");

        Answer reply = api.get("/admin/invite/log", api.adminToken);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode items = reply.body().path("items");
        assertThat(items)
                .extracting(item -> item.path("action").asText())
                .containsExactly("enable_invites", "disable_invites", "revoke_all");
        JsonNode disable = items.get(1);
        assertThat(disable.path("id").isIntegralNumber()).isTrue();
        assertThat(disable.path("admin").path("name").asText())
                .isEqualTo(api.admin.name().value());
        assertThat(disable.path("admin").path("local").asBoolean()).isTrue();
        assertThat(disable.path("target").path("id").asLong()).isEqualTo(bob.id());
        assertThat(disable.path("target").path("name").asText()).isEqualTo("bob");
        assertThat(disable.path("include_invitees").asBoolean()).isTrue();
        assertThat(disable.path("affected_accounts").asInt()).isEqualTo(2);
        assertThat(disable.path("revoked_invites").asInt())
                .as("bob's, used by carl")
                .isEqualTo(1);
        assertThat(disable.path("reason").asText()).isEqualTo("second");
        assertThat(disable.path("published_at").asText()).endsWith("Z");
        assertThat(disable.has("expires_at")).isFalse();
        assertThat(items.get(0).path("include_invitees").asBoolean(true)).isFalse();

        Answer first = api.get("/admin/invite/log?limit=2", api.adminToken);
        Answer second = api.get(
                "/admin/invite/log?limit=2&page_cursor="
                        + first.body().path("next_page").asText(),
                api.adminToken);
        assertThat(second.body().path("items"))
                .extracting(item -> item.path("reason").asText())
                .containsExactly("first");
        assertThat(second.body().has("next_page")).isFalse();
    }
}
