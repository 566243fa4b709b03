package guestlist.bootstrap.e2e;

import static guestlist.bootstrap.e2e.Harness.assertError;
import static guestlist.bootstrap.e2e.Harness.form;
import static guestlist.bootstrap.e2e.Harness.ids;
import static guestlist.testsupport.HttpApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.bootstrap.e2e.Harness.Member;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invite links over HTTP (SPEC §2, §3) against the real wiring and an embedded PostgreSQL. */
class InviteEndToEndTest {

    private static final String LINK_BASE = "https://guestlist.example/signup?token=";

    private static TestServer server;
    private static Harness h;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        h = new Harness(server, "inv");
        api = h.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every test starts from an open site whose cap is out of the way; cap tests set their own. */
    @BeforeEach
    void openSite() {
        h.site("registration_mode", "open", "max_invites_per_user_allowed", 100);
    }

    // --- creating ---

    @Test
    void inviteWithoutLimitsHasItsFieldsAndOmitsTheAbsentOnes() {
        Member member = h.member();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        HttpApi.Answer answer = h.createInviteAnswer(member.token(), object());

        Instant after = Instant.now();
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode invite = answer.body().path("invite");
        String token = invite.path("token").asText();
        assertThat(invite.path("id").isIntegralNumber()).isTrue();
        assertThat(token).matches("[A-Za-z0-9_-]{32}");
        assertThat(invite.path("local_user_id").asLong()).isEqualTo(member.id());
        assertThat(invite.path("uses_count").isInt()).isTrue();
        assertThat(invite.path("uses_count").asInt()).isZero();
        assertThat(invite.has("max_uses")).as("absent, not null: %s", invite).isFalse();
        assertThat(invite.has("expires_at")).as("absent, not null: %s", invite).isFalse();
        assertThat(invite.path("published_at").asText()).endsWith("Z");
        assertThat(Instant.parse(invite.path("published_at").asText()))
                .isBetween(before.minusSeconds(1), after.plusSeconds(1));
        assertThat(invite.path("invite_link").asText()).isEqualTo(LINK_BASE + token);
    }

    @Test
    void nullLimitsCountAsAbsentAndEveryInviteGetsItsOwnToken() {
        Member member = h.member();

        JsonNode first = h.createInvite(member.token(), "max_uses", null, "expires_at", null);
        JsonNode second = h.createInvite(member.token());

        assertThat(first.has("max_uses")).isFalse();
        assertThat(first.has("expires_at")).isFalse();
        assertThat(first.path("token").asText())
                .isNotEqualTo(second.path("token").asText());
        assertThat(first.path("id").asLong()).isNotEqualTo(second.path("id").asLong());
    }

    @Test
    void inviteWithMaxUsesAndExpiryKeepsThemAndListsTheSameObject() {
        Member member = h.member();
        Instant expiry = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

        JsonNode invite = h.createInvite(
                member.token(),
                "max_uses",
                5,
                "expires_at",
                expiry.atOffset(ZoneOffset.ofHours(2)).toString());

        assertThat(invite.path("max_uses").asInt()).isEqualTo(5);
        assertThat(invite.path("uses_count").asInt()).isZero();
        assertThat(invite.path("expires_at").asText())
                .as("given with +02:00, answered in UTC")
                .endsWith("Z");
        assertThat(Instant.parse(invite.path("expires_at").asText())).isEqualTo(expiry);
        assertThat(invite.path("invite_link").asText())
                .isEqualTo(LINK_BASE + invite.path("token").asText());
        assertThat(h.listAll(member.token())).containsExactly(invite);
    }

    @Test
    void expiryGivenToTheNanosecondIsAnsweredAsItIsStored() {
        Member member = h.member();
        Instant requested = Instant.now().plus(Duration.ofHours(3)).with(ChronoField.NANO_OF_SECOND, 123_456_789);

        JsonNode created = h.createInvite(member.token(), "expires_at", requested.toString());

        Instant answered = Instant.parse(created.path("expires_at").asText());
        assertThat(answered).isBetween(requested.minus(1, ChronoUnit.MICROS), requested);
        assertThat(h.listAll(member.token()))
                .as("the list shows what creating answered")
                .containsExactly(created);
    }

    @Test
    void limitsAtTheEdgesOfTheirRangesAreAccepted() {
        Member member = h.member();
        Instant almostAYear = Instant.now().plus(Duration.ofDays(364)).truncatedTo(ChronoUnit.SECONDS);

        assertThat(h.createInvite(member.token(), "max_uses", 1)
                        .path("max_uses")
                        .asInt())
                .isEqualTo(1);
        assertThat(h.createInvite(member.token(), "max_uses", 1_000_000)
                        .path("max_uses")
                        .asInt())
                .isEqualTo(1_000_000);
        assertThat(Instant.parse(h.createInvite(member.token(), "expires_at", almostAYear.toString())
                        .path("expires_at")
                        .asText()))
                .isEqualTo(almostAYear);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(Instant.parse(h.createInvite(
                                member.token(),
                                "expires_at",
                                tomorrow.toString().toLowerCase(Locale.ROOT))
                        .path("expires_at")
                        .asText()))
                .as("RFC 3339 allows a lower-case t and z")
                .isEqualTo(tomorrow);
    }

    @Test
    void maxUsesOutsideOneToAMillionOrNotAnIntegerIsABadRequest() {
        Member member = h.member();

        for (Object bad : List.of(0, 1_000_001, -1, "5", 1.5, true, new BigInteger("100000000000000000000"))) {
            HttpApi.Answer answer = h.createInviteAnswer(member.token(), object("max_uses", bad));
            assertError(answer, 400, "bad_request");
            assertThat(answer.body().path("message").asText())
                    .as("max_uses %s", bad)
                    .contains("max_uses");
        }
        assertThat(h.listAll(member.token())).as("nothing was created").isEmpty();
    }

    @Test
    void expiresAtNotStrictlyInTheNextYearOrUnparsableIsABadRequest() {
        Member member = h.member();
        Instant now = Instant.now();

        List<Object> refused = List.of(
                now.minus(Duration.ofHours(1)).toString(), // past
                now.toString(), // now (past by the time it arrives)
                now.plus(Duration.ofDays(366)).toString(), // more than 365 days ahead
                "tomorrow",
                "2030-13-01T00:00:00Z",
                LocalDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString(), // no offset
                1_900_000_000); // not a string
        for (Object bad : refused) {
            HttpApi.Answer answer = h.createInviteAnswer(member.token(), object("expires_at", bad));
            assertError(answer, 400, "bad_request");
            assertThat(answer.body().path("message").asText())
                    .as("expires_at %s", bad)
                    .contains("expires_at");
        }
        assertThat(h.listAll(member.token())).as("nothing was created").isEmpty();
    }

    @Test
    void inviteCallsNeedALiveSession() {
        Member member = h.member();
        String token = h.createInvite(member.token()).path("token").asText();
        assertThat(api.post("/account/auth/logout", object(), member.token()).status())
                .isEqualTo(200);

        for (String session : new String[] {null, "no-such-session", member.token()}) {
            assertError(api.post("/account/invite", object(), session), 401, "not_logged_in");
            assertError(api.get("/account/invite/list", session), 401, "not_logged_in");
            assertError(api.delete("/account/invite", object("token", token), session), 401, "not_logged_in");
        }
        assertThat(h.valid(token)).as("the refused revokes deleted nothing").isTrue();
    }

    // --- the cap ---

    @Test
    void capStopsAMemberAtTheLimitButNeverAnAdmin() {
        h.site("max_invites_per_user_allowed", 2);
        Member member = h.member();
        JsonNode first = h.createInvite(member.token());
        h.createInvite(member.token());

        assertError(h.createInviteAnswer(member.token(), object()), 403, "too_many_invites");
        assertThat(h.listAll(member.token())).hasSize(2);

        for (int i = 0; i < 3; i++) {
            h.createInvite(h.adminToken());
        }

        assertThat(api.delete(
                                "/account/invite",
                                object("token", first.path("token").asText()),
                                member.token())
                        .status())
                .isEqualTo(200);
        h.createInvite(member.token());
        assertError(h.createInviteAnswer(member.token(), object()), 403, "too_many_invites");
    }

    @Test
    void concurrentCreatesByOneMemberNeverExceedTheCap() throws Exception {
        h.site("max_invites_per_user_allowed", 2);
        Member member = h.member();
        List<HttpApi.Answer> answers = race(8, () -> h.createInviteAnswer(member.token(), object()));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(2);
        assertThat(answers)
                .filteredOn(answer -> answer.status() != 200)
                .hasSize(6)
                .allSatisfy(answer -> assertError(answer, 403, "too_many_invites"));
        assertThat(h.listAll(member.token())).hasSize(2);
        assertThat(server.count("SELECT count(*) FROM local_user_invite WHERE local_user_id = ?", member.id()))
                .isEqualTo(2);
    }

    @Test
    void capZeroLetsOnlyAdminsInvite() {
        Member member = h.member();
        h.site("max_invites_per_user_allowed", 0);

        assertError(h.createInviteAnswer(member.token(), object()), 403, "too_many_invites");
        assertThat(h.listAll(member.token())).isEmpty();
        assertThat(h.createInvite(h.adminToken()).path("local_user_id").asLong())
                .isEqualTo(h.adminId());
    }

    // --- listing ---

    @Test
    void listPagesNewestFirstAndCoversEveryInviteExactlyOnce() {
        Member member = h.member();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            created.add(h.createInvite(member.token()).path("id").asLong());
        }
        List<Long> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        List<Long> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String query = "?limit=5";
        while (true) {
            HttpApi.Answer page = h.listPage(member.token(), query);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            walked.addAll(ids(page.body().path("items")));
            pageSizes.add(page.body().path("items").size());
            if (!page.body().has("next_page")) {
                break;
            }
            assertThat(page.body().path("next_page").isTextual()).isTrue();
            query = "?limit=5&page_cursor="
                    + HttpApi.encode(page.body().path("next_page").asText());
        }

        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        List<Instant> published = h.listAll(member.token()).stream()
                .map(invite -> Instant.parse(invite.path("published_at").asText()))
                .toList();
        assertThat(published).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Test
    void listDefaultsToTwentyAndAllowsOneToFifty() {
        Member member = h.member();
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            newestFirst.add(0, h.createInvite(member.token()).path("id").asLong());
        }

        HttpApi.Answer byDefault = h.listPage(member.token(), "");
        assertThat(ids(byDefault.body().path("items"))).containsExactlyElementsOf(newestFirst.subList(0, 20));
        HttpApi.Answer rest = h.listPage(
                member.token(),
                "?page_cursor="
                        + HttpApi.encode(byDefault.body().path("next_page").asText()));
        assertThat(ids(rest.body().path("items"))).containsExactlyElementsOf(newestFirst.subList(20, 23));
        assertThat(rest.body().has("next_page")).isFalse();

        HttpApi.Answer one = h.listPage(member.token(), "?limit=1");
        assertThat(ids(one.body().path("items"))).containsExactly(newestFirst.get(0));
        assertThat(one.body().has("next_page")).isTrue();

        HttpApi.Answer fifty = h.listPage(member.token(), "?limit=50");
        assertThat(ids(fifty.body().path("items"))).containsExactlyElementsOf(newestFirst);
        assertThat(fifty.body().has("next_page"))
                .as("absent, not null: %s", fifty)
                .isFalse();
    }

    @Test
    void nextPageStillWorksAfterItsLastInviteWasRevoked() {
        Member member = h.member();
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            newestFirst.add(0, h.createInvite(member.token()).path("id").asLong());
        }
        HttpApi.Answer first = h.listPage(member.token(), "?limit=4");
        JsonNode last = first.body().path("items").get(3);
        assertThat(api.delete(
                                "/account/invite",
                                object("token", last.path("token").asText()),
                                member.token())
                        .status())
                .isEqualTo(200);

        HttpApi.Answer second = h.listPage(
                member.token(),
                "?limit=4&page_cursor="
                        + HttpApi.encode(first.body().path("next_page").asText()));

        assertThat(second.status()).as("%s", second).isEqualTo(200);
        assertThat(ids(second.body().path("items"))).containsExactlyElementsOf(newestFirst.subList(4, 8));
        assertThat(second.body().has("next_page")).isFalse();
    }

    @Test
    void limitOutsideOneToFiftyIsAnInvalidFetchLimit() {
        Member member = h.member();

        for (String limit : List.of("0", "51", "abc", "-1", "1.5")) {
            assertError(h.listPage(member.token(), "?limit=" + limit), 400, "invalid_fetch_limit");
        }
    }

    @Test
    void cursorsGuestlistDidNotIssueAreRefused() {
        Member member = h.member();
        h.createInvite(member.token());

        for (String cursor : List.of("garbage", "A".repeat(3000), "inv:1")) {
            assertError(
                    h.listPage(member.token(), "?page_cursor=" + HttpApi.encode(cursor)),
                    400,
                    "couldnt_parse_pagination_token");
        }
    }

    @Test
    void listShowsOnlyOwnUsableInvites() {
        Member alice = h.member();
        Member bob = h.member();
        JsonNode alicesOpen = h.createInvite(alice.token());
        JsonNode alicesSingleUse = h.createInvite(alice.token(), "max_uses", 1);
        JsonNode bobs = h.createInvite(bob.token());
        h.registerWithInvite(h.newName(), alicesSingleUse.path("token").asText());

        assertThat(ids(h.api().get("/account/invite/list", alice.token()).body().path("items")))
                .containsExactly(alicesOpen.path("id").asLong());
        assertThat(h.listAll(bob.token())).containsExactly(bobs);
        assertThat(h.listAll(h.adminToken()))
                .extracting(invite -> invite.path("local_user_id").asLong())
                .containsOnly(h.adminId());
    }

    // --- revoking ---

    @Test
    void revokingOwnInviteDeletesIt() {
        Member member = h.member();
        String token = h.createInvite(member.token()).path("token").asText();

        HttpApi.Answer answer = api.delete("/account/invite", object("token", token), member.token());

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(object("success", true));
        assertThat(h.listAll(member.token())).isEmpty();
        assertThat(h.valid(token)).isFalse();
        assertThat(h.inviteRows(token)).isZero();
        String name = h.newName();
        assertError(h.register(form(name).put("token", token)), 400, "invalid_invite_token");
        assertThat(h.accountsNamed(name)).isZero();
        assertError(api.delete("/account/invite", object("token", token), member.token()), 400, "invalid_invite_token");
    }

    @Test
    void revokingSomeoneElsesInviteIsRefusedAndKeepsIt() {
        Member owner = h.member();
        Member other = h.member();
        JsonNode invite = h.createInvite(owner.token());
        String token = invite.path("token").asText();

        assertError(api.delete("/account/invite", object("token", token), other.token()), 400, "invalid_invite_token");

        assertThat(h.valid(token)).isTrue();
        assertThat(h.listAll(owner.token())).containsExactly(invite);
    }

    @Test
    void adminRevokesAMembersInvite() {
        Member member = h.member();
        String token = h.createInvite(member.token()).path("token").asText();

        HttpApi.Answer answer = api.delete("/account/invite", object("token", token), h.adminToken());

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(object("success", true));
        assertThat(h.valid(token)).isFalse();
        assertThat(h.listAll(member.token())).isEmpty();
    }

    @Test
    void revokingAnUnknownOrMalformedTokenIsAnInvalidInviteToken() {
        Member member = h.member();

        assertError(
                api.delete("/account/invite", object("token", Harness.unknownToken()), member.token()),
                400,
                "invalid_invite_token");
        assertError(
                api.delete("/account/invite", object("token", "nope"), member.token()), 400, "invalid_invite_token");
        assertError(
                api.delete("/account/invite", object("token", Harness.unknownToken()), h.adminToken()),
                400,
                "invalid_invite_token");
        HttpApi.Answer missing = api.delete("/account/invite", object(), member.token());
        assertError(missing, 400, "bad_request");
        assertThat(missing.body().path("message").asText()).contains("token");
    }

    // --- validity ---

    @Test
    void validityTellsAnyoneWhetherATokenIsUsableAndNothingElse() {
        Member member = h.member();
        String token =
                h.createInvite(member.token(), "max_uses", 3).path("token").asText();

        HttpApi.Answer valid = api.get("/account/invite/validity?token=" + token, null);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body()).isEqualTo(object("valid", true));

        HttpApi.Answer unknown = api.get("/account/invite/validity?token=" + Harness.unknownToken(), null);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(object("valid", false));

        for (String malformed : List.of("short", token + "x", token.substring(1) + "!", "' OR 1=1 --")) {
            assertThat(h.valid(malformed)).as("malformed %s", malformed).isFalse();
        }
        HttpApi.Answer staleSession = api.get("/account/invite/validity?token=" + token, "logged-out-session");
        assertThat(staleSession.body())
                .as("needs no session, so a stale one is ignored")
                .isEqualTo(valid.body());

        HttpApi.Answer missing = api.get("/account/invite/validity", null);
        assertError(missing, 400, "bad_request");
        assertThat(missing.body().path("message").asText()).contains("token");
    }

    // --- registering with an invite, in each mode ---

    @Test
    void inviteInOpenModeRecordsTheInviter() {
        Member inviter = h.member();
        String token = h.createInvite(inviter.token()).path("token").asText();

        String session = h.registerWithInvite(h.newName(), token);

        JsonNode me = h.me(session);
        assertThat(me.path("invited_by_local_user_id").asLong()).isEqualTo(inviter.id());
        assertThat(me.path("accepted_application").asBoolean()).isTrue();
        HttpApi.Answer withStaleSession =
                api.post("/account/auth/register", form(h.newName()).put("token", token), "logged-out-session");
        assertThat(withStaleSession.status())
                .as("registering needs no session: %s", withStaleSession)
                .isEqualTo(200);
        assertThat(h.me(withStaleSession.body().path("jwt").asText())
                        .path("invited_by_local_user_id")
                        .asLong())
                .isEqualTo(inviter.id());
        assertThat(h.listed(inviter.token(), token))
                .hasValueSatisfying(
                        invite -> assertThat(invite.path("uses_count").asInt()).isEqualTo(2));
    }

    @Test
    void inviteInRequireApplicationModeSkipsTheApplication() {
        Member inviter = h.member();
        String token = h.createInvite(inviter.token()).path("token").asText();
        h.site("registration_mode", "require_application");
        String name = h.newName();

        HttpApi.Answer answer = h.register(form(name).put("token", token));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.body().path("registration_created").asBoolean(true)).isFalse();
        String session = answer.body().path("jwt").asText();
        JsonNode me = h.me(session);
        assertThat(me.path("accepted_application").asBoolean()).isTrue();
        assertThat(me.path("invited_by_local_user_id").asLong()).isEqualTo(inviter.id());
        assertThat(h.login(name, Credentials.PASSWORD)).isNotBlank();
        assertError(
                api.get(
                        "/admin/registration_application?person_id="
                                + me.path("person_id").asLong(),
                        h.adminToken()),
                404,
                "not_found");
        HttpApi.Answer applications =
                api.get("/admin/registration_application/list?unread_only=false&limit=50", h.adminToken());
        assertThat(applications.status()).isEqualTo(200);
        assertThat(applications.body().path("items"))
                .noneSatisfy(
                        item -> assertThat(item.at("/creator/name").asText()).isEqualTo(name));
    }

    @Test
    void inviteOnlyModeAdmitsOnlyAValidInvite() {
        Member inviter = h.member();
        String token = h.createInvite(inviter.token()).path("token").asText();
        h.site("registration_mode", "require_invitation");
        String name = h.newName();

        assertError(h.register(form(name)), 400, "missing_invite_token");
        assertError(h.register(form(name).putNull("token")), 400, "missing_invite_token");
        assertError(h.register(form(name).put("token", Harness.unknownToken())), 400, "invalid_invite_token");
        assertError(h.register(form(name).put("token", "not-a-token")), 400, "invalid_invite_token");
        assertThat(h.accountsNamed(name)).isZero();

        String session = h.registerWithInvite(name, token);

        assertThat(h.me(session).path("invited_by_local_user_id").asLong()).isEqualTo(inviter.id());
    }

    @Test
    void closedModeRefusesEvenAValidInviteAndKeepsItsUse() {
        Member inviter = h.member();
        String token =
                h.createInvite(inviter.token(), "max_uses", 1).path("token").asText();
        h.site("registration_mode", "closed");
        String name = h.newName();

        assertError(h.register(form(name).put("token", token)), 403, "registration_closed");

        assertThat(h.accountsNamed(name)).isZero();
        assertThat(h.valid(token)).isTrue();
        assertThat(h.listed(inviter.token(), token))
                .hasValueSatisfying(
                        invite -> assertThat(invite.path("uses_count").asInt()).isZero());
        h.site("registration_mode", "open");
        h.registerWithInvite(name, token);
        assertThat(h.valid(token)).isFalse();
    }

    // --- uses ---

    @Test
    void everyUseCountsAndTheLastUseDeletesTheInvite() {
        Member inviter = h.member();
        String token =
                h.createInvite(inviter.token(), "max_uses", 2).path("token").asText();

        h.registerWithInvite(h.newName(), token);
        assertThat(h.listed(inviter.token(), token))
                .hasValueSatisfying(
                        invite -> assertThat(invite.path("uses_count").asInt()).isEqualTo(1));
        assertThat(h.valid(token)).isTrue();

        h.registerWithInvite(h.newName(), token);
        assertThat(h.listed(inviter.token(), token)).isEmpty();
        assertThat(h.valid(token)).isFalse();
        assertThat(h.inviteRows(token)).as("deleted at its last use").isZero();

        String third = h.newName();
        assertError(h.register(form(third).put("token", token)), 400, "invalid_invite_token");
        assertThat(h.accountsNamed(third)).isZero();
    }

    @Test
    void registrationFailingForAnotherReasonConsumesNoUse() {
        Member inviter = h.member();
        String email = h.newName() + "@example.org";
        assertThat(h.register(form(h.newName()).put("email", email)).status()).isEqualTo(200);
        String token =
                h.createInvite(inviter.token(), "max_uses", 1).path("token").asText();

        assertError(
                h.register(form(inviter.name().toUpperCase(Locale.ROOT)).put("token", token)),
                409,
                "username_already_taken");
        assertError(
                h.register(form(h.newName())
                        .put("email", email.toUpperCase(Locale.ROOT))
                        .put("token", token)),
                409,
                "email_already_taken");
        assertError(
                h.register(form(h.newName())
                        .put("password_verify", "another password!")
                        .put("token", token)),
                400,
                "passwords_do_not_match");
        assertError(h.register(form("no spaces allowed").put("token", token)), 400, "invalid_name");

        assertThat(h.valid(token)).isTrue();
        assertThat(h.listed(inviter.token(), token))
                .hasValueSatisfying(
                        invite -> assertThat(invite.path("uses_count").asInt()).isZero());
        h.registerWithInvite(h.newName(), token);
        assertThat(h.valid(token)).isFalse();
    }

    @Test
    void lastUseRaceHasExactlyOneWinner() throws Exception {
        Member inviter = h.member();
        String token =
                h.createInvite(inviter.token(), "max_uses", 1).path("token").asText();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            names.add(h.newName());
        }
        AtomicInteger next = new AtomicInteger();
        List<HttpApi.Answer> answers = race(
                names.size(),
                () -> h.register(form(names.get(next.getAndIncrement())).put("token", token)));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> answer.status() != 200)
                .hasSize(names.size() - 1)
                .allSatisfy(answer -> assertError(answer, 400, "invalid_invite_token"));
        assertThat(names.stream().mapToLong(h::accountsNamed).sum())
                .as("only the winner was written")
                .isEqualTo(1);
        assertThat(h.inviteRows(token)).isZero();
    }

    // --- expiry and the sweep ---

    @Test
    void expiredInviteIsRefusedEverywhereBeforeTheSweepRuns() throws InterruptedException {
        h.site("max_invites_per_user_allowed", 1);
        Member member = h.member();
        Instant expiry = Instant.now().plusSeconds(2);
        String expiring = h.createInvite(member.token(), "expires_at", expiry.toString())
                .path("token")
                .asText();
        assertThat(h.valid(expiring)).isTrue();
        assertError(h.createInviteAnswer(member.token(), object()), 403, "too_many_invites");

        sleepUntil(expiry.plusMillis(200));

        assertThat(h.valid(expiring)).isFalse();
        String name = h.newName();
        assertError(h.register(form(name).put("token", expiring)), 400, "invalid_invite_token");
        assertThat(h.accountsNamed(name)).isZero();
        assertThat(h.listAll(member.token())).isEmpty();
        String fresh = h.createInvite(member.token()).path("token").asText();
        assertThat(h.inviteRows(expiring))
                .as("the sweep has not run, the row is still there")
                .isEqualTo(1);

        int swept = server.bean(SweepExpiredInvitesUseCase.class).sweepExpiredInvites();

        assertThat(swept).isEqualTo(1);
        assertThat(h.inviteRows(expiring)).isZero();
        assertThat(h.inviteRows(fresh)).isEqualTo(1);
    }

    @Test
    void scheduledSweepDeletesExpiredInvitesAndKeepsTheOthers() throws InterruptedException {
        try (TestServer sweeping = TestServer.start(Map.of("GUESTLIST_INVITE_SWEEP_INTERVAL", "PT1S"))) {
            Harness other = new Harness(sweeping, "sw");
            Instant expiry = Instant.now().plusSeconds(2);
            String expiring = other.createInvite(other.adminToken(), "expires_at", expiry.toString())
                    .path("token")
                    .asText();
            String later = other.createInvite(
                            other.adminToken(),
                            "expires_at",
                            Instant.now().plus(Duration.ofDays(1)).toString())
                    .path("token")
                    .asText();
            String never = other.createInvite(other.adminToken()).path("token").asText();

            sleepUntil(expiry);
            Instant deadline = Instant.now().plusSeconds(10);
            while (other.inviteRows(expiring) > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }

            assertThat(other.inviteRows(expiring))
                    .as("swept within 10 s of expiring")
                    .isZero();
            assertThat(other.inviteRows(later)).isEqualTo(1);
            assertThat(other.inviteRows(never)).isEqualTo(1);
            assertThat(other.valid(later)).isTrue();
        }
    }

    /** Runs {@code racers} copies of {@code request} at once, released together; returns their answers. */
    private static List<HttpApi.Answer> race(int racers, Callable<HttpApi.Answer> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<HttpApi.Answer>> racing = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                racing.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<HttpApi.Answer> answers = new ArrayList<>();
            for (Future<HttpApi.Answer> answer : racing) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
