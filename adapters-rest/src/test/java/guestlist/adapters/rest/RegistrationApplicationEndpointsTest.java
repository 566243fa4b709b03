package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi.Answer;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationApplicationEndpointsTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Registers {@code name} with an application (the site's default mode) and returns its person id. */
    /** The id of {@code person}'s application, as an admin looks it up. */
    private long applicationIdOf(long person) {
        return api.get("/admin/registration_application?person_id=" + person, api.adminToken)
                .body()
                .path("registration_application")
                .path("registration_application")
                .path("id")
                .asLong();
    }

    private long apply(String name, String email) {
        String emailField = email == null ? "" : ",\"email\":\"" + email + "\"";
        Answer reply = api.send(
                "POST",
                "/account/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\""
                        + PASSWORD + "\",\"password_verify\":\"" + PASSWORD + "\",\"answer\":\"I am " + name + "\""
                        + emailField + "}",
                null);
        assertThat(reply.body().path("registration_created").asBoolean())
                .as(reply.text())
                .isTrue();
        return api
                .get("/admin/registration_application/list?unread_only=false&limit=50", api.adminToken)
                .body()
                .path("items")
                .findValues("creator")
                .stream()
                .filter(creator -> creator.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    private static void assertRefused(Answer reply, int status, String code, String mentioning) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(code);
        assertThat(reply.message()).contains(mentioning);
    }

    @Test
    void listAnswersApplicationViewsOldestFirstWithoutEmailsOrAbsentFields() {
        long first = apply("first", "first@example.com");
        api.app.clock().advance(Duration.ofSeconds(1));
        apply("second", null);

        Answer reply = api.get("/admin/registration_application/list", api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode items = reply.body().path("items");
        assertThat(items)
                .extracting(view -> view.path("creator").path("name").asText())
                .containsExactly("first", "second");
        JsonNode view = items.get(0);
        JsonNode application = view.path("registration_application");
        assertThat(application.path("id").isIntegralNumber()).isTrue();
        assertThat(application.path("local_user_id").asLong()).isEqualTo(first);
        assertThat(application.path("answer").asText()).isEqualTo("I am first");
        assertThat(application.path("published_at").asText()).endsWith("Z");
        assertThat(application.has("admin_id")).isFalse();
        assertThat(application.has("deny_reason")).isFalse();
        assertThat(application.has("updated_at")).isFalse();
        JsonNode creatorLocalUser = view.path("creator_local_user");
        assertThat(creatorLocalUser.path("id").asLong()).isEqualTo(first);
        assertThat(creatorLocalUser.path("person_id").asLong()).isEqualTo(first);
        assertThat(creatorLocalUser.path("admin").asBoolean()).isFalse();
        assertThat(creatorLocalUser.path("accepted_application").asBoolean()).isFalse();
        assertThat(creatorLocalUser.has("email"))
                .as("an applicant's e-mail is not shown to admins")
                .isFalse();
        assertThat(view.path("creator").path("id").asLong()).isEqualTo(first);
        assertThat(view.path("creator").path("local").asBoolean()).isTrue();
        assertThat(view.has("admin")).isFalse();
        assertThat(reply.body().has("next_page")).isFalse();
        assertThat(reply.text()).doesNotContain("first@example.com");
    }

    @Test
    void listPagesWithACursor() {
        apply("app_one", null);
        apply("app_two", null);

        Answer first = api.get("/admin/registration_application/list?limit=1", api.adminToken);
        String cursor = first.body().path("next_page").asText();
        Answer second = api.get("/admin/registration_application/list?limit=1&page_cursor=" + cursor, api.adminToken);

        assertThat(first.body().path("items")).hasSize(1);
        assertThat(second.body().path("items"))
                .extracting(view -> view.path("creator").path("name").asText())
                .containsExactly("app_two");
        assertThat(second.body().has("next_page")).isFalse();
    }

    @Test
    void listOfUnreadOnlyLeavesOutDecidedApplications() {
        long person = apply("decided", null);
        long applicationId = applicationIdOf(person);
        api.send(
                "PUT",
                "/admin/registration_application/approve",
                "{\"id\":" + applicationId + ",\"approve\":true}",
                api.adminToken);

        assertThat(api.get("/admin/registration_application/list?unread_only=true", api.adminToken)
                        .body()
                        .path("items"))
                .isEmpty();
        assertThat(api.get("/admin/registration_application/list", api.adminToken)
                        .body()
                        .path("items"))
                .as("unread_only defaults to true")
                .isEmpty();
        assertThat(api.get("/admin/registration_application/list?unread_only=false", api.adminToken)
                        .body()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void listRefusesBadParameters() {
        assertRefused(
                api.get("/admin/registration_application/list?unread_only=yes", api.adminToken),
                400,
                "bad_request",
                "unread_only");
        assertRefused(
                api.get("/admin/registration_application/list?limit=0", api.adminToken),
                400,
                "invalid_fetch_limit",
                "limit");
        assertRefused(
                api.get("/admin/registration_application/list?limit=ten", api.adminToken),
                400,
                "invalid_fetch_limit",
                "limit");
        assertRefused(
                api.get("/admin/registration_application/list?page_cursor=abc", api.adminToken),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
    }

    @Test
    void listRefusesTheCursorOfTheInviteListing() {
        String foreign = new PageCursor(PageCursor.Listing.INVITES, 1).encode();

        assertRefused(
                api.get("/admin/registration_application/list?page_cursor=" + foreign, api.adminToken),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
    }

    @Test
    void applicationEndpointsRefuseNonAdminsAndStrangers() {
        String member = api.registerOpen("member", null);

        assertRefused(api.get("/admin/registration_application/list", member), 403, "not_an_admin", "");
        assertRefused(api.get("/admin/registration_application?person_id=1", member), 403, "not_an_admin", "");
        assertRefused(
                api.send("PUT", "/admin/registration_application/approve", "{\"id\":1,\"approve\":true}", member),
                403,
                "not_an_admin",
                "");
        assertRefused(api.get("/admin/registration_application/list", null), 401, "not_logged_in", "");
        assertRefused(api.get("/admin/registration_application?person_id=1", null), 401, "not_logged_in", "");
        assertRefused(
                api.send("PUT", "/admin/registration_application/approve", "{\"id\":1,\"approve\":true}", null),
                401,
                "not_logged_in",
                "");
    }

    @Test
    void getAnswersTheApplicationOfAPerson() {
        long person = apply("getme", null);

        Answer reply = api.get("/admin/registration_application?person_id=" + person, api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.body().path("registration_application");
        assertThat(view.path("registration_application").path("local_user_id").asLong())
                .isEqualTo(person);
        assertThat(view.path("creator").path("name").asText()).isEqualTo("getme");
        assertThat(view.path("creator_local_user").path("person_id").asLong()).isEqualTo(person);
    }

    @Test
    void getRefusesAPersonIdThatIsNotAPositiveInteger() {
        for (String value : new String[] {"", "0", "-1", "abc", "1.0", "99999999999999999999"}) {
            assertRefused(
                    api.get("/admin/registration_application?person_id=" + value, api.adminToken),
                    400,
                    "bad_request",
                    "person_id");
        }
        assertRefused(api.get("/admin/registration_application", api.adminToken), 400, "bad_request", "person_id");
    }

    @Test
    void getOfAPersonWithoutApplicationIsNotFound() {
        assertRefused(
                api.get(
                        "/admin/registration_application?person_id="
                                + api.admin.personId().value(),
                        api.adminToken),
                404,
                "not_found",
                "");
    }

    @Test
    void approveAnswersTheDecidedViewWithTheAdmin() {
        long person = apply("approveme", null);
        long applicationId = applicationIdOf(person);
        api.app.clock().advance(Duration.ofMinutes(5));

        Answer reply = api.send(
                "PUT",
                "/admin/registration_application/approve",
                "{\"id\":" + applicationId + ",\"approve\":true,\"deny_reason\":null}",
                api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.body().path("registration_application");
        JsonNode application = view.path("registration_application");
        assertThat(application.path("id").asLong()).isEqualTo(applicationId);
        assertThat(application.path("admin_id").asLong())
                .isEqualTo(api.admin.id().value());
        assertThat(application.has("deny_reason")).isFalse();
        assertThat(application.path("updated_at").asText())
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(api.app.clock().instant()));
        assertThat(view.path("creator_local_user").path("accepted_application").asBoolean())
                .isTrue();
        assertThat(view.path("admin").path("id").asLong())
                .isEqualTo(api.admin.personId().value());
        assertThat(view.path("admin").path("name").asText()).isEqualTo(Credentials.ADMIN_NAME);
        assertThat(view.path("admin").path("local").asBoolean()).isTrue();
    }

    @Test
    void denyCarriesTheReason() {
        long person = apply("denyme", null);
        long applicationId = applicationIdOf(person);

        Answer reply = api.send(
                "PUT",
                "/admin/registration_application/approve",
                "{\"id\":" + applicationId + ",\"approve\":false,\"deny_reason\":\"spam\"}",
                api.adminToken);

        assertThat(reply.body()
                        .path("registration_application")
                        .path("registration_application")
                        .path("deny_reason")
                        .asText())
                .isEqualTo("spam");
        assertThat(reply.body()
                        .path("registration_application")
                        .path("creator_local_user")
                        .path("accepted_application")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void approveRefusesMissingOrMistypedFields() {
        String url = "/admin/registration_application/approve";
        assertRefused(api.send("PUT", url, "{\"approve\":true}", api.adminToken), 400, "bad_request", "id");
        assertRefused(api.send("PUT", url, "{\"id\":1}", api.adminToken), 400, "bad_request", "approve");
        assertRefused(
                api.send("PUT", url, "{\"id\":\"1\",\"approve\":true}", api.adminToken), 400, "bad_request", "id");
        assertRefused(api.send("PUT", url, "{\"id\":1.5,\"approve\":true}", api.adminToken), 400, "bad_request", "id");
        assertRefused(
                api.send("PUT", url, "{\"id\":1,\"approve\":\"true\"}", api.adminToken), 400, "bad_request", "approve");
        assertRefused(
                api.send("PUT", url, "{\"id\":1,\"approve\":false,\"deny_reason\":7}", api.adminToken),
                400,
                "bad_request",
                "deny_reason");
    }

    @Test
    void approveOfAnUnknownApplicationIsNotFound() {
        assertRefused(
                api.send(
                        "PUT",
                        "/admin/registration_application/approve",
                        "{\"id\":999,\"approve\":true}",
                        api.adminToken),
                404,
                "not_found",
                "");
    }
}
