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
        assertThat(localSite.path("invite_min_account_age_hours").isInt()).isTrue();
        assertThat(localSite.path("invite_min_account_age_hours").asInt()).isZero();
        assertThat(localSite.path("invites_per_user_per_day").isInt()).isTrue();
        assertThat(localSite.path("invites_per_user_per_day").asInt()).isZero();
        assertThat(localSite.path("invite_signups_per_day").isInt()).isTrue();
        assertThat(localSite.path("invite_signups_per_day").asInt()).isZero();
        assertThat(localSite.path("invites_skip_application").isBoolean()).isTrue();
        assertThat(localSite.path("invites_skip_application").asBoolean()).isTrue();
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
    void editSiteChangesTheInviteQuotasAndGetSiteShowsThem() {
        Answer reply = api.send("PUT", "/site", """
                {"invite_min_account_age_hours":8760,"invites_per_user_per_day":1000,
                 "invite_signups_per_day":1000000,"invites_skip_application":false}""", api.adminToken);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode localSite = reply.body().path("site_view").path("local_site");
        assertThat(localSite.path("invite_min_account_age_hours").asInt()).isEqualTo(8760);
        assertThat(localSite.path("invites_per_user_per_day").asInt()).isEqualTo(1000);
        assertThat(localSite.path("invite_signups_per_day").asInt()).isEqualTo(1_000_000);
        assertThat(localSite.path("invites_skip_application").asBoolean()).isFalse();
        assertThat(localSite.path("max_invites_per_user_allowed").asInt())
                .as("unchanged")
                .isEqualTo(10);
        assertThat(api.get("/site", null).body().path("site_view").path("local_site"))
                .isEqualTo(localSite);

        Answer again = api.send("PUT", "/site", "{\"invites_per_user_per_day\":0}", api.adminToken);
        JsonNode after = again.body().path("site_view").path("local_site");
        assertThat(after.path("invites_per_user_per_day").asInt()).isZero();
        assertThat(after.path("invite_min_account_age_hours").asInt()).isEqualTo(8760);
        assertThat(after.path("invites_skip_application").asBoolean()).isFalse();
    }

    @Test
    void editSiteRefusesInviteQuotasOutOfRangeOrOfTheWrongTypeNamingTheField() {
        JsonNode before = api.get("/site", null).body().path("site_view");
        for (String[] bad : new String[][] {
            {"invite_min_account_age_hours", "-1"},
            {"invite_min_account_age_hours", "8761"},
            {"invite_min_account_age_hours", "1.5"},
            {"invite_min_account_age_hours", "\"24\""},
            {"invites_per_user_per_day", "-1"},
            {"invites_per_user_per_day", "1001"},
            {"invites_per_user_per_day", "true"},
            {"invite_signups_per_day", "-1"},
            {"invite_signups_per_day", "1000001"},
            {"invite_signups_per_day", "99999999999999999999"},
            {"invites_skip_application", "\"false\""},
            {"invites_skip_application", "0"},
            {"invites_skip_application", "[]"}
        }) {
            Answer reply = api.send("PUT", "/site", "{\"" + bad[0] + "\":" + bad[1] + "}", api.adminToken);

            assertThat(reply.status())
                    .as("%s = %s: %s", bad[0], bad[1], reply.text())
                    .isEqualTo(400);
            assertThat(reply.error()).isEqualTo("bad_request");
            assertThat(reply.message()).contains(bad[0]);
        }
        assertThat(api.get("/site", null).body().path("site_view")).isEqualTo(before);
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
