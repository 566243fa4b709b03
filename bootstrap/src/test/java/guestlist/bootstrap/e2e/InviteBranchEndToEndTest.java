package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's view of who invited whom and the actions on a whole invite branch (SPEC §6), over
 * HTTP on the real wiring and PostgreSQL: the story of a member who invites a spammer who invites
 * ten more, found by the admin in the tree and stopped in one call; and every refusal's code.
 */
class InviteBranchEndToEndTest {

    private static final String TREE = "/admin/invite/tree";
    private static final String ANCESTRY = "/admin/invite/ancestry";
    private static final String LIST = "/admin/invite/list";
    private static final String REVOKE_ALL = "/admin/invite/revoke_all";
    private static final String PERMISSION = "/admin/invite/permission";
    private static final String LOG = "/admin/invite/log";

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "br");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void invitationOnly() {
        h.site("registration_mode", "require_invitation");
    }

    /** A spam ring as the story has it: the spammer, its ten invitees, and one account below those. */
    private record Ring(Member member, Member spammer, String spammersInvite, List<Member> ten, Member deeper) {

        List<Member> accounts() {
            List<Member> all = new ArrayList<>();
            all.add(spammer);
            all.addAll(ten);
            all.add(deeper);
            return all;
        }
    }

    private static Member registerWith(String inviteToken) {
        String name = h.newName();
        String token = h.registerWithInvite(name, inviteToken);
        return new Member(name, token, h.localUserId(token));
    }

    /** A member invites a spammer, who invites ten more with one invite; one of them brings one more. */
    private static Ring spamRing() {
        Member member = h.member();
        Member spammer =
                registerWith(h.createInvite(member.token()).path("token").asText());
        String spammersInvite =
                h.createInvite(spammer.token(), "max_uses", 20).path("token").asText();
        List<Member> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(registerWith(spammersInvite));
        }
        Member deeper =
                registerWith(h.createInvite(ten.get(3).token()).path("token").asText());
        h.createInvite(ten.get(7).token(), "max_uses", 5);
        return new Ring(member, spammer, spammersInvite, ten, deeper);
    }

    /** Every item of a listing, following {@code next_page} with pages of {@code limit}. */
    private static List<JsonNode> all(String pathAndQuery, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String query = pathAndQuery + "&limit=" + limit;
        while (true) {
            HttpApi.Answer page = api.get(query, h.adminToken());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.body().path("items").size()).isLessThanOrEqualTo(limit);
            page.body().path("items").forEach(items::add);
            if (!page.body().has("next_page")) {
                return items;
            }
            query = pathAndQuery + "&limit=" + limit + "&page_cursor="
                    + HttpApi.encode(page.body().path("next_page").asText());
        }
    }

    private static List<Long> treeIds(List<JsonNode> items) {
        return items.stream()
                .map(item -> item.at("/local_user_view/local_user/id").asLong())
                .toList();
    }

    private static long branchInvites(Ring ring) {
        return server.count(
                "SELECT count(*) FROM local_user_invite WHERE local_user_id IN "
                        + "(SELECT descendant_id FROM invite_branch WHERE ancestor_id = ?)",
                ring.member().id());
    }

    /** The admin finds the ring: the tree below the member, the chain above one of the ten, the spammer's invites. */
    private static void theAdminFinds(Ring ring) {
        List<JsonNode> tree = all(TREE + "?local_user_id=" + ring.member().id(), 5);
        List<Long> expected = new ArrayList<>();
        expected.add(ring.spammer().id());
        ring.ten().forEach(one -> expected.add(one.id()));
        expected.add(ring.deeper().id());
        assertThat(treeIds(tree)).as("breadth first, then by id").containsExactlyElementsOf(expected);
        assertThat(tree)
                .extracting(item -> item.path("depth").asInt())
                .containsExactly(1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3);
        assertThat(tree.get(1).path("invited_by_local_user_id").asLong())
                .isEqualTo(ring.spammer().id());
        assertThat(tree.get(0).at("/local_user_view/invitee_count").asInt()).isEqualTo(10);

        List<JsonNode> ancestry =
                all(ANCESTRY + "?local_user_id=" + ring.deeper().id(), 2);
        assertThat(ancestry)
                .extracting(view -> view.at("/local_user/id").asLong())
                .containsExactly(
                        ring.ten().get(3).id(),
                        ring.spammer().id(),
                        ring.member().id(),
                        h.adminId());

        List<JsonNode> invites = all(LIST + "?local_user_id=" + ring.spammer().id(), 20);
        assertThat(invites).extracting(invite -> invite.path("token").asText()).contains(ring.spammersInvite());
        assertThat(invites.get(0).path("uses_count").asInt()).isEqualTo(10);
    }

    @Test
    void aSpammersBranchFoundInTheTreeLosesTheRightToInviteInOneCall() {
        Ring ring = spamRing();
        theAdminFinds(ring);
        assertThat(branchInvites(ring)).as("the spammer's and two of the ten's").isEqualTo(3);

        HttpApi.Answer disabled = api.put(
                PERMISSION,
                object(
                        "local_user_id",
                        ring.spammer().id(),
                        "can_invite",
                        false,
                        "include_invitees",
                        true,
                        "reason",
                        "a spam ring"),
                h.adminToken());

        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.body().at("/local_user_view/local_user/id").asLong())
                .isEqualTo(ring.spammer().id());
        assertThat(disabled.body().at("/local_user_view/local_user/can_invite").asBoolean(true))
                .isFalse();
        for (Member account : ring.accounts()) {
            HttpApi.Answer refused = h.createInviteAnswer(account.token(), object());
            assertError(refused, 403, "invites_disabled");
            assertThat(refused.message()).contains("a spam ring");
        }
        assertThat(branchInvites(ring)).isZero();
        assertThat(h.valid(ring.spammersInvite())).isFalse();
        assertError(
                h.register(Harness.form(h.newName()).put("token", ring.spammersInvite())), 400, "invalid_invite_token");
        assertThat(h.createInvite(ring.member().token()).path("local_user_id").asLong())
                .as("the member above the branch still may")
                .isEqualTo(ring.member().id());
        assertThat(all(TREE + "?local_user_id=" + ring.member().id(), 50))
                .allSatisfy(item -> assertThat(item.at("/local_user_view/local_user/can_invite")
                                .asBoolean(true))
                        .isFalse());

        JsonNode line =
                api.get(LOG + "?limit=1", h.adminToken()).body().path("items").get(0);
        assertThat(line.path("action").asText()).isEqualTo("disable_invites");
        assertThat(line.at("/admin/id").asLong()).isEqualTo(h.adminId());
        assertThat(line.at("/target/id").asLong()).isEqualTo(ring.spammer().id());
        assertThat(line.path("include_invitees").asBoolean()).isTrue();
        assertThat(line.path("affected_accounts").asInt()).isEqualTo(12);
        assertThat(line.path("revoked_invites").asInt()).isEqualTo(3);
        assertThat(line.path("reason").asText()).isEqualTo("a spam ring");

        HttpApi.Answer back = api.put(
                PERMISSION,
                object("local_user_id", ring.ten().get(0).id(), "can_invite", true, "reason", "vouched for"),
                h.adminToken());
        assertThat(back.body().at("/local_user_view/local_user/can_invite").asBoolean())
                .isTrue();
        assertThat(h.createInvite(ring.ten().get(0).token())
                        .path("local_user_id")
                        .asLong())
                .isEqualTo(ring.ten().get(0).id());
    }

    @Test
    void aSpammersBranchFoundInTheTreeLosesEveryInviteInOneCall() {
        Ring ring = spamRing();
        theAdminFinds(ring);

        HttpApi.Answer revoked = api.post(
                REVOKE_ALL,
                object("local_user_id", ring.spammer().id(), "include_invitees", true, "reason", "a spam ring"),
                h.adminToken());

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo(object("revoked_invites", 3, "affected_accounts", 3));
        assertThat(branchInvites(ring)).isZero();
        assertThat(h.valid(ring.spammersInvite())).isFalse();
        assertThat(all(LIST + "?local_user_id=" + ring.spammer().id(), 20)).isEmpty();
        JsonNode line =
                api.get(LOG + "?limit=1", h.adminToken()).body().path("items").get(0);
        assertThat(line.path("action").asText()).isEqualTo("revoke_all");
        assertThat(line.path("affected_accounts").asInt()).isEqualTo(3);
        assertThat(line.path("revoked_invites").asInt()).isEqualTo(3);
        assertThat(line.has("expires_at")).isFalse();
    }

    @Test
    void revokingOneAccountsInvitesLeavesItsBranchAlone() {
        Ring ring = spamRing();

        HttpApi.Answer revoked = api.post(
                REVOKE_ALL, object("local_user_id", ring.spammer().id(), "reason", "just the spammer"), h.adminToken());

        assertThat(revoked.body()).isEqualTo(object("revoked_invites", 1, "affected_accounts", 1));
        assertThat(branchInvites(ring)).isEqualTo(2);
        assertThat(api.get(LOG + "?limit=1", h.adminToken())
                        .body()
                        .at("/items/0/include_invitees")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void theLogPagesNewestFirst() {
        Member one = h.member();
        Member two = h.member();
        for (Member target : List.of(one, two, one)) {
            HttpApi.expect(
                    api.post(
                            REVOKE_ALL,
                            object("local_user_id", target.id(), "reason", "r" + target.id()),
                            h.adminToken()),
                    200,
                    "revoke all");
        }

        List<JsonNode> lines = new ArrayList<>();
        String query = LOG + "?limit=1";
        for (int page = 0; page < 3; page++) {
            HttpApi.Answer answer = api.get(query, h.adminToken());
            lines.add(answer.body().path("items").get(0));
            query = LOG + "?limit=1&page_cursor="
                    + HttpApi.encode(answer.body().path("next_page").asText());
        }

        assertThat(lines)
                .extracting(line -> line.at("/target/id").asLong())
                .containsExactly(one.id(), two.id(), one.id());
        assertThat(lines.get(0).path("id").asLong())
                .isGreaterThan(lines.get(1).path("id").asLong());
        assertThat(lines.get(1).path("id").asLong())
                .isGreaterThan(lines.get(2).path("id").asLong());
    }

    @Test
    void everyRefusalHasItsCodeAndWritesNothing() {
        Member member = h.member();
        Member invitee =
                registerWith(h.createInvite(member.token()).path("token").asText());
        long logLines = server.count("SELECT count(*) FROM moderation_log");
        long invites = server.count("SELECT count(*) FROM local_user_invite");
        String admin = h.adminToken();

        for (String listing : List.of(TREE, ANCESTRY, LIST)) {
            String ofMember = listing + "?local_user_id=" + member.id();
            assertError(api.get(ofMember, null), 401, "not_logged_in");
            assertError(api.get(ofMember, member.token()), 403, "not_an_admin");
            assertError(api.get(listing + "?local_user_id=" + 987_654_321L, admin), 404, "not_found");
            assertError(api.get(listing, admin), 400, "bad_request");
            assertError(api.get(listing + "?local_user_id=x", admin), 400, "bad_request");
            assertError(api.get(ofMember + "&limit=51", admin), 400, "invalid_fetch_limit");
            assertError(api.get(ofMember + "&page_cursor=nonsense", admin), 400, "couldnt_parse_pagination_token");
        }
        assertError(api.get(LOG, invitee.token()), 403, "not_an_admin");
        assertError(api.get(LOG + "?limit=0", admin), 400, "invalid_fetch_limit");
        assertError(api.get(LOG + "?page_cursor=nonsense", admin), 400, "couldnt_parse_pagination_token");

        assertError(
                api.post(REVOKE_ALL, object("local_user_id", invitee.id(), "reason", "x"), member.token()),
                403,
                "not_an_admin");
        assertError(
                api.post(REVOKE_ALL, object("local_user_id", h.adminId(), "reason", "x"), admin),
                403,
                "not_higher_admin");
        assertError(
                api.post(REVOKE_ALL, object("local_user_id", Long.MAX_VALUE, "reason", "x"), admin), 404, "not_found");
        assertError(api.post(REVOKE_ALL, object("local_user_id", member.id()), admin), 400, "bad_request");
        assertError(api.post(REVOKE_ALL, object("reason", "x"), admin), 400, "bad_request");
        assertError(api.post(REVOKE_ALL, object("local_user_id", "1", "reason", "x"), admin), 400, "bad_request");
        assertError(
                api.post(REVOKE_ALL, object("local_user_id", member.id(), "include_invitees", 1, "reason", "x"), admin),
                400,
                "bad_request");
        assertError(
                api.post(REVOKE_ALL, object("local_user_id", member.id(), "reason", "x".repeat(1_001)), admin),
                400,
                "bad_request");

        assertError(
                api.put(
                        PERMISSION,
                        object("local_user_id", invitee.id(), "can_invite", false, "reason", "x"),
                        member.token()),
                403,
                "not_an_admin");
        assertError(
                api.put(PERMISSION, object("local_user_id", h.adminId(), "can_invite", false, "reason", "x"), admin),
                403,
                "not_higher_admin");
        assertError(
                api.put(PERMISSION, object("local_user_id", Long.MAX_VALUE, "can_invite", false, "reason", "x"), admin),
                404,
                "not_found");
        assertError(
                api.put(PERMISSION, object("local_user_id", member.id(), "reason", "x"), admin), 400, "bad_request");
        assertError(
                api.put(PERMISSION, object("local_user_id", member.id(), "can_invite", "no", "reason", "x"), admin),
                400,
                "bad_request");
        assertError(
                api.put(PERMISSION, object("local_user_id", member.id(), "can_invite", false), admin),
                400,
                "bad_request");
        assertError(api.send("PUT", PERMISSION, "{\"local_user_id\":", admin), 400, "bad_request");

        assertThat(server.count("SELECT count(*) FROM moderation_log")).isEqualTo(logLines);
        assertThat(server.count("SELECT count(*) FROM local_user_invite")).isEqualTo(invites);
        assertThat(h.me(member.token()).path("can_invite").asBoolean()).isTrue();
        assertThat(h.me(invitee.token()).path("can_invite").asBoolean()).isTrue();
    }

    @Test
    void creatingAnInviteWithoutTheRightIsInvitesDisabledWithTheReason() {
        Member member = h.member();
        HttpApi.expect(
                api.put(
                        PERMISSION,
                        object("local_user_id", member.id(), "can_invite", false, "reason", "invited a bot farm"),
                        h.adminToken()),
                200,
                "withdraw the right");

        HttpApi.Answer refused = h.createInviteAnswer(member.token(), object("max_uses", 1));

        assertError(refused, 403, "invites_disabled");
        assertThat(refused.message()).contains("invited a bot farm");
        assertThat(server.count("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", member.id()))
                .isZero();
        assertThat(h.me(member.token()).path("can_invite").asBoolean(true)).isFalse();
    }
}
