package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi.Answer;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteEndpointsTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void getSiteAnswersSiteViewAdminsAndVersion() {
        Answer reply = api.get("/site", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        JsonNode json = reply.body();
        JsonNode site = json.path("site_view").path("site");
        JsonNode localSite = json.path("site_view").path("local_site");
        long siteId = localSite.path("id").asLong();
        assertThat(site.path("id").asLong()).isEqualTo(siteId);
        assertThat(site.path("name").isTextual()).isTrue();
        assertThat(site.path("published_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(localSite.path("site_id").asLong()).isEqualTo(siteId);
        assertThat(localSite.path("registration_mode").asText()).isEqualTo("require_application");
        assertThat(localSite.path("max_invites_per_user_allowed").asInt()).isEqualTo(10);
        assertThat(localSite.path("published_at").asText())
                .isEqualTo(site.path("published_at").asText());
        assertThat(localSite.has("application_question"))
                .as("absent optional is omitted")
                .isFalse();
        assertThat(json.path("version").asText()).isEqualTo(TestApi.VERSION);
        assertThat(json.toString()).doesNotContain("null");
    }

    @Test
    void adminsAreBothPersonsAndPersonViews() {
        JsonNode admins = api.get("/site", null).body().path("admins");

        assertThat(admins).hasSize(1);
        JsonNode admin = admins.get(0);
        assertThat(admin.path("id").asLong()).isEqualTo(api.admin.personId().value());
        assertThat(admin.path("name").asText()).isEqualTo(Credentials.ADMIN_NAME);
        assertThat(admin.path("local").asBoolean()).isTrue();
        assertThat(admin.path("published_at").asText())
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(api.admin.publishedAt()));
        assertThat(admin.path("person"))
                .isEqualTo(api.get("/site", null).body().path("admins").get(0).path("person"));
        assertThat(admin.path("person").path("id").asLong())
                .isEqualTo(api.admin.personId().value());
        assertThat(admin.path("person").path("name").asText()).isEqualTo(Credentials.ADMIN_NAME);
        assertThat(admin.path("person").path("local").asBoolean()).isTrue();
        assertThat(admin.path("is_admin").asBoolean()).isTrue();
        assertThat(admin.path("banned").isBoolean()).isTrue();
        assertThat(admin.has("admin"))
                .as("no stray property from the is_admin accessor")
                .isFalse();
    }

    @Test
    void getSiteIgnoresAnyToken() {
        assertThat(api.get("/site", "not-a-session").status()).isEqualTo(200);
        assertThat(api.get("/site", api.adminToken).status()).isEqualTo(200);
    }

    @Test
    void getSiteToleratesTheEmptyQueryStringTheLemmyClientAppends() {
        assertThat(api.get("/site?", null).status()).isEqualTo(200);
    }

    @Test
    void editSiteChangesEveryField() {
        Answer reply = api.send("PUT", "/site", """
                {"name":"Renamed","registration_mode":"require_invitation","max_invites_per_user_allowed":3,
                 "application_question":"Why?","sidebar":"ignored","rate_limit_message_max_requests":5}""", api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode siteView = reply.body().path("site_view");
        assertThat(siteView.path("site").path("name").asText()).isEqualTo("Renamed");
        assertThat(siteView.path("local_site").path("registration_mode").asText())
                .isEqualTo("require_invitation");
        assertThat(siteView.path("local_site")
                        .path("max_invites_per_user_allowed")
                        .asInt())
                .isEqualTo(3);
        assertThat(siteView.path("local_site").path("application_question").asText())
                .isEqualTo("Why?");
        assertThat(api.get("/site", null).body().path("site_view")).isEqualTo(siteView);
    }

    @Test
    void editSiteWithNullsAndAbsentFieldsChangesNothing() {
        JsonNode before = api.get("/site", null).body().path("site_view");

        Answer reply = api.send("PUT", "/site", "{\"name\":null,\"registration_mode\":null}", api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("site_view")).isEqualTo(before);
    }

    @Test
    void editSiteWithBlankQuestionClearsIt() {
        api.send("PUT", "/site", "{\"application_question\":\"Why?\"}", api.adminToken);

        Answer reply = api.send("PUT", "/site", "{\"application_question\":\"\"}", api.adminToken);

        assertThat(reply.body().path("site_view").path("local_site").has("application_question"))
                .isFalse();
    }

    @Test
    void editSiteRefusesAnUnknownMode() {
        Answer reply = api.send("PUT", "/site", "{\"registration_mode\":\"invite_only\"}", api.adminToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("bad_request");
        assertThat(reply.message()).contains("registration_mode");
    }

    @Test
    void editSiteRefusesAnInviteCapOutOfRangeOrNotAnInteger() {
        for (String value : new String[] {"-1", "1000001", "2.5", "1e3", "\"5\"", "99999999999999999999", "true"}) {
            Answer reply = api.send("PUT", "/site", "{\"max_invites_per_user_allowed\":" + value + "}", api.adminToken);

            assertThat(reply.status()).as(value).isEqualTo(400);
            assertThat(reply.error()).as(value).isEqualTo("bad_request");
            assertThat(reply.message()).as(value).contains("max_invites_per_user_allowed");
        }
        assertThat(api.send("PUT", "/site", "{\"max_invites_per_user_allowed\":0}", api.adminToken)
                        .status())
                .isEqualTo(200);
        assertThat(api.send("PUT", "/site", "{\"max_invites_per_user_allowed\":1000000}", api.adminToken)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void editSiteRefusesABlankName() {
        Answer reply = api.send("PUT", "/site", "{\"name\":\"  \"}", api.adminToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("bad_request");
        assertThat(reply.message()).contains("name");
    }

    @Test
    void editSiteByANonAdminIsRefused() {
        String token = api.registerOpen("someone", null);

        Answer reply = api.send("PUT", "/site", "{\"registration_mode\":\"closed\"}", token);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("not_an_admin");
    }

    @Test
    void editSiteWithoutLogInIsRefused() {
        Answer reply = api.send("PUT", "/site", "{\"registration_mode\":\"closed\"}", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("not_logged_in");
    }

    @Test
    void editSiteChecksTheSessionBeforeTheBody() {
        Answer reply = api.send("PUT", "/site", "{not json", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("not_logged_in");
    }
}
