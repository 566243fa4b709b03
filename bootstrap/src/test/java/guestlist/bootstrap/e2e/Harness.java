package guestlist.bootstrap.e2e;

import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

/**
 * What the end-to-end tests of one {@link TestServer} share: the admin's session, the site's
 * settings, fresh members with unique names, and the invite calls with their answers checked.
 */
public final class Harness {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestServer server;
    private final HttpApi api;
    private final String prefix;
    private final AtomicInteger names = new AtomicInteger();
    private final String adminToken;
    private final long adminId;
    private String membersInvite;

    /** A logged-in account that is no admin. */
    public record Member(String name, String token, long id) {}

    /** @param prefix starts every user name this harness makes up (keep it short: names are 3..20 characters) */
    public Harness(TestServer server, String prefix) {
        this.server = server;
        this.api = server.api();
        this.prefix = prefix;
        this.adminToken = login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        this.adminId = localUserId(adminToken);
    }

    public HttpApi api() {
        return api;
    }

    public String adminToken() {
        return adminToken;
    }

    /** The admin's local user id, which is also its person id. */
    public long adminId() {
        return adminId;
    }

    public String newName() {
        return prefix + "_" + names.incrementAndGet();
    }

    /** A well-formed invite token (32 URL-safe characters) that names no invite. */
    public static String unknownToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void assertError(HttpApi.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.error()).as("%s", answer).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).as("%s", answer).isNotBlank();
    }

    // --- site ---

    /** Changes site settings as the admin: {@code site("registration_mode", "open", ...)}. */
    public JsonNode site(Object... settings) {
        HttpApi.Answer answer = api.put("/site", object(settings), adminToken);
        assertThat(answer.status()).as("PUT /site %s", answer).isEqualTo(200);
        return answer.body();
    }

    // --- accounts ---

    public static ObjectNode form(String name) {
        return object("username", name, "password", PASSWORD, "password_verify", PASSWORD);
    }

    public HttpApi.Answer register(ObjectNode form) {
        return api.post("/account/auth/register", form, null);
    }

    /** Registers with an invite and expects to be logged in at once; returns the session token. */
    public String registerWithInvite(String name, String inviteToken) {
        HttpApi.Answer answer = register(form(name).put("token", inviteToken));
        assertThat(answer.status())
                .as("register %s with an invite: %s", name, answer)
                .isEqualTo(200);
        assertThat(answer.body().path("registration_created").asBoolean(true)).isFalse();
        assertThat(answer.body().path("jwt").asText()).isNotBlank();
        return answer.body().path("jwt").asText();
    }

    public HttpApi.Answer loginAnswer(String nameOrEmail, String password) {
        return api.post("/account/auth/login", object("username_or_email", nameOrEmail, "password", password), null);
    }

    public String login(String nameOrEmail, String password) {
        HttpApi.Answer answer = loginAnswer(nameOrEmail, password);
        assertThat(answer.status()).as("log-in of %s: %s", nameOrEmail, answer).isEqualTo(200);
        String jwt = answer.body().path("jwt").asText();
        assertThat(jwt).isNotBlank();
        return jwt;
    }

    /** {@code GET /account}'s {@code local_user_view.local_user}. */
    public JsonNode me(String sessionToken) {
        HttpApi.Answer answer = api.get("/account", sessionToken);
        assertThat(answer.status()).as("GET /account %s", answer).isEqualTo(200);
        return answer.body().at("/local_user_view/local_user");
    }

    public long localUserId(String sessionToken) {
        return me(sessionToken).path("id").asLong();
    }

    /**
     * A fresh member, admitted with an unlimited invite of the admin so that it works in every
     * mode but {@code closed}.
     */
    public Member member() {
        if (membersInvite == null) {
            membersInvite = createInvite(adminToken).path("token").asText();
        }
        String name = newName();
        String token = registerWithInvite(name, membersInvite);
        return new Member(name, token, localUserId(token));
    }

    /** How many accounts have this name (ignoring case), straight from the database. */
    public long accountsNamed(String name) {
        return server.count("SELECT count(*) FROM local_user WHERE lower(name) = lower(?)", name);
    }

    // --- invites ---

    public HttpApi.Answer createInviteAnswer(String sessionToken, ObjectNode body) {
        return api.post("/account/invite", body, sessionToken);
    }

    /** Creates an invite and expects it made; returns the {@code invite} object. */
    public JsonNode createInvite(String sessionToken, Object... fields) {
        HttpApi.Answer answer = createInviteAnswer(sessionToken, object(fields));
        assertThat(answer.status()).as("create invite %s", answer).isEqualTo(200);
        return answer.body().path("invite");
    }

    public boolean valid(String inviteToken) {
        HttpApi.Answer answer = api.get("/account/invite/validity?token=" + HttpApi.encode(inviteToken), null);
        assertThat(answer.status()).as("validity %s", answer).isEqualTo(200);
        assertThat(answer.body().size())
                .as("validity reveals nothing else: %s", answer)
                .isEqualTo(1);
        return answer.body().path("valid").asBoolean();
    }

    public HttpApi.Answer listPage(String sessionToken, String query) {
        return api.get("/account/invite/list" + query, sessionToken);
    }

    /** Every invite the session's user sees in its list, walking all pages of 50. */
    public List<JsonNode> listAll(String sessionToken) {
        List<JsonNode> all = new ArrayList<>();
        String query = "?limit=50";
        while (true) {
            HttpApi.Answer page = listPage(sessionToken, query);
            assertThat(page.status()).as("list %s", page).isEqualTo(200);
            page.body().path("items").forEach(all::add);
            if (!page.body().has("next_page")) {
                return all;
            }
            query = "?limit=50&page_cursor="
                    + HttpApi.encode(page.body().path("next_page").asText());
        }
    }

    /** The invite with this token in the session's user's list, if it is there. */
    public Optional<JsonNode> listed(String sessionToken, String inviteToken) {
        return listAll(sessionToken).stream()
                .filter(invite -> invite.path("token").asText().equals(inviteToken))
                .findFirst();
    }

    /** How many invite rows with this token the database holds, whatever the API shows. */
    public long inviteRows(String inviteToken) {
        return server.count("SELECT count(*) FROM local_user_invite WHERE token = ?", inviteToken);
    }

    public static List<Long> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.path("id").asLong())
                .toList();
    }
}
