package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.bootstrap.e2e.Harness.form;
import static guestlist.testsupport.Credentials.PASSWORD;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.application.inmemory.MutableClock;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.HttpApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The invite quotas (SPEC §6) and the invite comment over HTTP, on the real wiring and database:
 * each setting through {@code PUT /site} and {@code GET /site}, each refusal with its code, and
 * that a refusal consumes nothing. The server's clock is a {@link MutableClock} put in place of the
 * wiring's, so that accounts can grow old and days can pass; it only ever moves forward, by less
 * than a week in all (the admin's session lasts a week).
 */
class InviteQuotasEndToEndTest {

    private static final MutableClock CLOCK = MutableClock.startingNow();

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
                        return bean instanceof Clock ? CLOCK : bean;
                    }
                }));
        h = new Harness(server, "qu");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void quotasOffOnAnOpenSite() {
        h.site(
                "registration_mode",
                "open",
                "max_invites_per_user_allowed",
                10,
                "invite_min_account_age_hours",
                0,
                "invites_per_user_per_day",
                0,
                "invite_signups_per_day",
                0,
                "invites_skip_application",
                true);
    }

    private static JsonNode localSite() {
        return api.get("/site", null).body().at("/site_view/local_site");
    }

    private static long signupsCounted() {
        return server.count("SELECT count(*) FROM invite_signup");
    }

    // --- the settings ------------------------------------------------------------------------------

    @Test
    void getSiteShowsTheInviteSettingsAndPutSiteChangesThemOneByOne() {
        JsonNode defaults = localSite();
        assertThat(defaults.path("invite_min_account_age_hours").asInt(-1)).isZero();
        assertThat(defaults.path("invites_per_user_per_day").asInt(-1)).isZero();
        assertThat(defaults.path("invite_signups_per_day").asInt(-1)).isZero();
        assertThat(defaults.path("invites_skip_application").isBoolean()).isTrue();
        assertThat(defaults.path("invites_skip_application").asBoolean()).isTrue();

        JsonNode answered = h.site("invite_min_account_age_hours", 48).at("/site_view/local_site");
        assertThat(answered.path("invite_min_account_age_hours").asInt()).isEqualTo(48);
        h.site("invites_per_user_per_day", 7);
        h.site("invite_signups_per_day", 1_000_000);
        h.site("invites_skip_application", false);

        JsonNode changed = localSite();
        assertThat(changed.path("invite_min_account_age_hours").asInt()).isEqualTo(48);
        assertThat(changed.path("invites_per_user_per_day").asInt()).isEqualTo(7);
        assertThat(changed.path("invite_signups_per_day").asInt()).isEqualTo(1_000_000);
        assertThat(changed.path("invites_skip_application").asBoolean()).isFalse();
        assertThat(changed.path("registration_mode").asText()).isEqualTo("open");
        assertThat(server.count("SELECT count(*) FROM local_site WHERE invite_min_account_age_hours = 48"
                        + " AND invites_per_user_per_day = 7 AND invite_signups_per_day = 1000000"
                        + " AND NOT invites_skip_application"))
                .as("stored")
                .isEqualTo(1);
    }

    @Test
    void putSiteRefusesAnOutOfRangeSettingNamingItAndChangesNothing() {
        JsonNode before = localSite();

        for (Object[] bad : new Object[][] {
            {"invite_min_account_age_hours", 8761},
            {"invites_per_user_per_day", 1001},
            {"invite_signups_per_day", -1},
            {"invites_skip_application", "no"}
        }) {
            HttpApi.Answer answer = api.put("/site", object(bad[0], bad[1], "name", "Renamed"), h.adminToken());
            assertError(answer, 400, "bad_request");
            assertThat(answer.message()).contains((String) bad[0]);
        }

        assertThat(localSite()).isEqualTo(before);
    }

    // --- invite_min_account_age_hours --------------------------------------------------------------

    @Test
    void anAccountYoungerThanTheMinimumAgeCannotInviteUntilItIsOldEnough() {
        Member member = h.member();
        h.site("invite_min_account_age_hours", 24);

        HttpApi.Answer refused = h.createInviteAnswer(member.token(), object());
        assertError(refused, 403, "account_too_new_to_invite");
        assertThat(refused.message()).contains("24 hours");
        assertThat(server.count("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", member.id()))
                .isZero();
        assertThat(h.createInvite(h.adminToken()).path("token").asText())
                .as("an admin as new as anyone is exempt")
                .isNotBlank();

        CLOCK.advance(Duration.ofHours(24));

        assertThat(h.createInvite(member.token()).path("local_user_id").asLong())
                .isEqualTo(member.id());
        Member newer = h.member();
        assertError(h.createInviteAnswer(newer.token(), object()), 403, "account_too_new_to_invite");
    }

    // --- invites_per_user_per_day ------------------------------------------------------------------

    @Test
    void aMemberOverTheDailyLimitIsRefusedEvenAfterRevokingAndNotAfterADay() {
        Member member = h.member();
        h.site("invites_per_user_per_day", 2);
        String first = h.createInvite(member.token()).path("token").asText();
        h.createInvite(member.token(), "max_uses", 1);
        HttpApi.expect(api.delete("/account/invite", object("token", first), member.token()), 200, "revoke");

        HttpApi.Answer refused = h.createInviteAnswer(member.token(), object());
        assertError(refused, 403, "invite_daily_limit_reached");
        assertThat(h.listAll(member.token())).hasSize(1);
        for (int i = 0; i < 5; i++) {
            h.createInvite(h.adminToken());
        }

        CLOCK.advance(Duration.ofHours(24));

        h.createInvite(member.token());
        h.createInvite(member.token());
        assertError(h.createInviteAnswer(member.token(), object()), 403, "invite_daily_limit_reached");
        assertThat(server.count("SELECT count(*) FROM invite_creation WHERE local_user_id = ?", member.id()))
                .as("every creation recorded, the revoked one too; no refusal")
                .isEqualTo(4);
    }

    // --- invite_signups_per_day --------------------------------------------------------------------

    @Test
    void signupsThroughInvitesOverTheDailyLimitArePausedConsumeNothingAndResumeADayLater() {
        Member inviter = h.member();
        JsonNode invite = h.createInvite(inviter.token(), "max_uses", 10);
        String token = invite.path("token").asText();
        CLOCK.advance(Duration.ofHours(25)); // the sign-ups of earlier tests leave the window
        h.site("invite_signups_per_day", 2);
        h.registerWithInvite(h.newName(), token);
        h.registerWithInvite(h.newName(), token);
        long signups = signupsCounted();

        String refusedName = h.newName();
        HttpApi.Answer refused = h.register(form(refusedName).put("token", token));

        assertError(refused, 403, "invite_signups_paused");
        assertThat(h.accountsNamed(refusedName)).isZero();
        assertThat(h.listed(inviter.token(), token)
                        .orElseThrow()
                        .path("uses_count")
                        .asInt())
                .isEqualTo(2);
        assertThat(signupsCounted()).isEqualTo(signups);
        assertThat(h.valid(token)).as("the invite itself stays valid").isTrue();
        String uninvited = h.newName();
        HttpApi.expect(h.register(form(uninvited)), 200, "a registration without an invite");
        assertThat(h.createInvite(inviter.token()).path("token").asText())
                .as("creating invites still works")
                .isNotBlank();

        CLOCK.advance(Duration.ofHours(24));

        h.registerWithInvite(refusedName, token);
        assertThat(h.me(h.login(refusedName, PASSWORD))
                        .path("invited_by_local_user_id")
                        .asLong())
                .isEqualTo(inviter.id());
    }

    // --- invites_skip_application ------------------------------------------------------------------

    @Test
    void anInviteThatDoesNotSkipTheApplicationIsConsumedAndTheApplicationShowsTheInviter() {
        Member inviter = h.member();
        String token =
                h.createInvite(inviter.token(), "max_uses", 2).path("token").asText();
        h.site("registration_mode", "require_application", "invites_skip_application", false);
        String name = h.newName();

        assertError(h.register(form(name).put("token", token)), 400, "registration_application_answer_required");
        assertThat(h.listed(inviter.token(), token)
                        .orElseThrow()
                        .path("uses_count")
                        .asInt())
                .as("nothing consumed")
                .isZero();

        HttpApi.Answer registered = h.register(form(name).put("token", token).put("answer", "Alice's friend"));

        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        assertThat(registered.body().has("jwt")).isFalse();
        assertThat(registered.body().path("registration_created").asBoolean()).isTrue();
        assertThat(h.listed(inviter.token(), token)
                        .orElseThrow()
                        .path("uses_count")
                        .asInt())
                .isEqualTo(1);
        assertError(h.loginAnswer(name, PASSWORD), 403, "registration_application_is_pending");
        long personId = Long.parseLong(server.rows("SELECT id::text FROM local_user WHERE name = ?", name)
                .get(0));
        HttpApi.Answer application = api.get("/admin/registration_application?person_id=" + personId, h.adminToken());
        assertThat(application.status()).as("%s", application).isEqualTo(200);
        JsonNode view = application.body().path("registration_application");
        assertThat(view.at("/registration_application/answer").asText()).isEqualTo("Alice's friend");
        assertThat(view.at("/creator_local_user/invited_by_local_user_id").asLong())
                .isEqualTo(inviter.id());
        assertThat(view.at("/creator_local_user/accepted_application").asBoolean())
                .isFalse();

        HttpApi.expect(
                api.put(
                        "/admin/registration_application/approve",
                        object("id", view.at("/registration_application/id").asLong(), "approve", true),
                        h.adminToken()),
                200,
                "approve");
        assertThat(h.me(h.login(name, PASSWORD))
                        .path("invited_by_local_user_id")
                        .asLong())
                .isEqualTo(inviter.id());
    }

    @Test
    void byDefaultAnInviteStillSkipsTheApplication() {
        String token =
                h.createInvite(h.adminToken(), "max_uses", 1).path("token").asText();
        h.site("registration_mode", "require_application");

        h.registerWithInvite(h.newName(), token);
    }

    // --- the comment -------------------------------------------------------------------------------

    @Test
    void theCommentIsShownToTheCreatorAndNeverByTheValidityCheck() {
        Member member = h.member();
        String comment = "for my sister Ann, who bakes \uD83C\uDF70";

        JsonNode invite = h.createInvite(member.token(), "comment", comment);

        assertThat(invite.path("comment").asText()).isEqualTo(comment);
        String token = invite.path("token").asText();
        assertThat(h.listed(member.token(), token).orElseThrow().path("comment").asText())
                .isEqualTo(comment);
        HttpApi.Answer validity = api.get("/account/invite/validity?token=" + token, null);
        assertThat(validity.body().size()).isEqualTo(1);
        assertThat(validity.text()).doesNotContain("sister");
        assertThat(h.createInvite(member.token()).has("comment"))
                .as("absent when none")
                .isFalse();
    }

    @Test
    void aCommentOverTwoHundredCharactersIsABadRequestAndStoresNothing() {
        Member member = h.member();

        HttpApi.Answer refused = h.createInviteAnswer(member.token(), object("comment", "c".repeat(201)));

        assertError(refused, 400, "bad_request");
        assertThat(refused.message()).contains("comment");
        assertThat(h.listAll(member.token())).isEmpty();
        assertThat(server.count("SELECT count(*) FROM invite_creation WHERE local_user_id = ?", member.id()))
                .isZero();
        assertThat(h.createInvite(member.token(), "comment", "c".repeat(200))
                        .path("comment")
                        .asText())
                .hasSize(200);
    }
}
