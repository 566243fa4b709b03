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
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/users} over HTTP against the real wiring and PostgreSQL: every account in id
 * order either way, walked page by page to the end without a gap or a repeat, the banned ones
 * only, one account's direct invitees only, and the refusals.
 */
class AdminUsersEndToEndTest {

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "lu");
        api = h.api();
        h.site("registration_mode", "require_invitation");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Member invitedBy(Member inviter) {
        String invite = h.createInvite(inviter.token()).path("token").asText();
        String name = h.newName();
        String token = h.registerWithInvite(name, invite);
        return new Member(name, token, h.localUserId(token));
    }

    /** Every page of the listing with {@code query}, in pages of {@code limit}; the ids in order. */
    private static List<Long> walk(String query, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpApi.Answer page = api.get(
                    "/admin/users?limit=" + limit + query
                            + (cursor == null ? "" : "&page_cursor=" + HttpApi.encode(cursor)),
                    h.adminToken());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.body().path("items").size()).isLessThanOrEqualTo(limit);
            page.body()
                    .path("items")
                    .forEach(item -> ids.add(item.at("/local_user/id").asLong()));
            cursor =
                    page.body().has("next_page") ? page.body().path("next_page").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /** The ids of the accounts straight from the table: {@code where} with {@code ORDER BY u.id}. */
    private static List<Long> stored(String where) {
        return server.rows("SELECT u.id::text AS listed FROM local_user u " + where).stream()
                .map(Long::parseLong)
                .toList();
    }

    @Test
    void everyAccountPageByPageInEitherOrder() {
        for (int i = 0; i < 6; i++) {
            h.member();
        }

        assertThat(walk("", 4)).containsExactlyElementsOf(stored("ORDER BY u.id DESC"));
        assertThat(walk("&sort=new", 3)).containsExactlyElementsOf(stored("ORDER BY u.id DESC"));
        assertThat(walk("&sort=old", 5)).containsExactlyElementsOf(stored("ORDER BY u.id"));
    }

    @Test
    void oneAccountsDirectInviteesWithTheirInviteeCounts() {
        Member inviter = h.member();
        Member first = invitedBy(inviter);
        Member second = invitedBy(inviter);
        Member third = invitedBy(inviter);
        invitedBy(first);
        invitedBy(first);

        assertThat(walk("&invited_by_local_user_id=" + inviter.id(), 2))
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(walk("&invited_by_local_user_id=" + inviter.id() + "&sort=old", 1))
                .containsExactly(first.id(), second.id(), third.id());
        JsonNode firstsView = api.get("/admin/users?sort=old&invited_by_local_user_id=" + inviter.id(), h.adminToken())
                .body()
                .at("/items/0");
        assertThat(firstsView.path("invitee_count").asLong()).isEqualTo(2);
        assertThat(firstsView.at("/local_user/invited_by_local_user_id").asLong())
                .isEqualTo(inviter.id());
        assertThat(firstsView.at("/local_user").has("email")).isFalse();
        assertThat(walk("&invited_by_local_user_id=" + third.id(), 5)).isEmpty();
    }

    @Test
    void bannedOnlyWithAndWithoutTheInviter() {
        Member inviter = h.member();
        Member kept = invitedBy(inviter);
        Member banned = invitedBy(inviter);
        HttpApi.Answer ban =
                api.post("/admin/ban", object("person_id", banned.id(), "ban", true, "reason", "spam"), h.adminToken());
        assertThat(ban.status()).as("%s", ban).isEqualTo(200);

        assertThat(walk("&banned_only=true", 2))
                .containsExactlyElementsOf(stored("WHERE u.banned_at IS NOT NULL ORDER BY u.id DESC"))
                .contains(banned.id())
                .doesNotContain(kept.id());
        assertThat(walk("&banned_only=true&invited_by_local_user_id=" + inviter.id(), 2))
                .containsExactly(banned.id());
        assertThat(walk("&banned_only=false&invited_by_local_user_id=" + inviter.id(), 2))
                .containsExactly(banned.id(), kept.id());
        JsonNode view = api.get(
                        "/admin/users?banned_only=true&invited_by_local_user_id=" + inviter.id(), h.adminToken())
                .body()
                .at("/items/0");
        assertThat(view.path("banned").asBoolean()).isTrue();
    }

    @Test
    void refusals() {
        Member member = h.member();

        assertError(api.get("/admin/users", member.token()), 403, "not_an_admin");
        assertError(api.get("/admin/users", null), 401, "not_logged_in");
        assertError(api.get("/admin/users?sort=hot", h.adminToken()), 400, "bad_request");
        assertError(api.get("/admin/users?invited_by_local_user_id=424242", h.adminToken()), 404, "not_found");
        assertError(api.get("/admin/users?limit=0", h.adminToken()), 400, "invalid_fetch_limit");
        assertError(api.get("/admin/users?page_cursor=abc", h.adminToken()), 400, "couldnt_parse_pagination_token");
        assertError(api.send("DELETE", "/admin/users", "{}", h.adminToken()), 405, "method_not_allowed");
    }
}
