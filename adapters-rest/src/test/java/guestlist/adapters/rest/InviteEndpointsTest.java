package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.adapters.rest.json.PageCursor;
import guestlist.testsupport.HttpApi.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteEndpointsTest {

    private TestApi api;
    private String member;

    @BeforeEach
    void start() {
        api = TestApi.start();
        member = api.registerOpen("member", null);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Answer create(String body, String token) {
        return api.send("POST", "/account/invite", body, token);
    }

    private JsonNode createOk(String body) {
        Answer reply = create(body, member);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body().path("invite");
    }

    private long memberId() {
        return api.app.useCases().authenticate().authenticate(member).id().value();
    }

    private static void assertRefused(Answer reply, int status, String code, String mentioning) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(code);
        assertThat(reply.message()).contains(mentioning);
    }

    // ------------------------------------------------------------------ create

    @Test
    void createAnswersTheInviteWithItsLinkAndOmitsAbsentLimits() {
        JsonNode invite = createOk("{}");

        assertThat(invite.path("id").isIntegralNumber()).isTrue();
        assertThat(invite.path("token").asText()).matches("[A-Za-z0-9_-]{32}");
        assertThat(invite.path("local_user_id").asLong()).isEqualTo(memberId());
        assertThat(invite.path("uses_count").asInt()).isZero();
        assertThat(invite.path("published_at").asText())
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(api.app.clock().instant()));
        assertThat(invite.path("invite_link").asText())
                .isEqualTo("https://guestlist.example/signup?token="
                        + invite.path("token").asText());
        assertThat(invite.has("max_uses")).isFalse();
        assertThat(invite.has("expires_at")).isFalse();
    }

    @Test
    void createWithLimitsAnswersThemInUtc() {
        Instant expiry = api.app.clock().instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String withOffset = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(expiry.atOffset(ZoneOffset.ofHours(2)));

        JsonNode invite = createOk("{\"max_uses\":2,\"expires_at\":\"" + withOffset + "\"}");

        assertThat(invite.path("max_uses").asInt()).isEqualTo(2);
        assertThat(invite.path("expires_at").asText()).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(expiry));
    }

    @Test
    void createAcceptsTheJavascriptDateFormatAndLowerCaseSeparators() {
        Instant expiry = api.app.clock().instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MILLIS);

        JsonNode fromJs = createOk("{\"expires_at\":\"" + DateTimeFormatter.ISO_INSTANT.format(expiry) + "\"}");
        JsonNode lowerCase = createOk("{\"expires_at\":\""
                + DateTimeFormatter.ISO_INSTANT.format(expiry).toLowerCase(Locale.ROOT) + "\"}");

        assertThat(Instant.parse(fromJs.path("expires_at").asText())).isEqualTo(expiry);
        assertThat(Instant.parse(lowerCase.path("expires_at").asText())).isEqualTo(expiry);
    }

    @Test
    void createRefusesMaxUsesOutOfRangeOrNotAnInteger() {
        for (String value : new String[] {"0", "-3", "1000001", "1.5", "1e3", "\"5\"", "99999999999999999999"}) {
            assertRefused(create("{\"max_uses\":" + value + "}", member), 400, "bad_request", "max_uses");
        }
    }

    @Test
    void createRefusesAnExpiryThatIsNoTimestampOrOutOfRange() {
        Instant now = api.app.clock().instant();
        for (String value : new String[] {
            "\"tomorrow\"",
            "\"2030-01-01\"",
            "\"2030-01-01T00:00:00\"",
            "12345",
            "\"" + now.minusSeconds(1) + "\"",
            "\"" + now.plus(Duration.ofDays(366)) + "\""
        }) {
            assertRefused(create("{\"expires_at\":" + value + "}", member), 400, "bad_request", "expires_at");
        }
    }

    @Test
    void createOverTheCapIsRefused() {
        api.send("PUT", "/site", "{\"max_invites_per_user_allowed\":1}", api.adminToken);
        createOk("{}");

        assertRefused(create("{}", member), 403, "too_many_invites", "");
    }

    @Test
    void createWithoutLogInIsRefused() {
        assertRefused(create("{}", null), 401, "not_logged_in", "");
    }

    @Test
    void createKeepsTheCommentAndTheListShowsItToTheCreator() {
        JsonNode invite = createOk("{\"comment\":\"for Ann \\uD83C\\uDF89 <b>hi</b>\"}");

        assertThat(invite.path("comment").asText()).isEqualTo("for Ann \uD83C\uDF89 <b>hi</b>");
        JsonNode listed = api.get("/account/invite/list", member).body().path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).isEqualTo(invite);
    }

    @Test
    void anInviteWithoutACommentOmitsIt() {
        assertThat(createOk("{}").has("comment")).isFalse();
        assertThat(createOk("{\"comment\":null}").has("comment")).isFalse();
        assertThat(createOk("{\"comment\":\"\"}").has("comment")).isFalse();
    }

    @Test
    void createRefusesACommentOverTwoHundredCharactersOrNotText() {
        assertThat(createOk("{\"comment\":\"" + "c".repeat(200) + "\"}")
                        .path("comment")
                        .asText())
                .hasSize(200);
        for (String value :
                new String[] {"\"" + "c".repeat(201) + "\"", "5", "true", "[\"x\"]", "{}", "\"a\\u0000b\""}) {
            assertRefused(create("{\"comment\":" + value + "}", member), 400, "bad_request", "comment");
        }
        assertThat(api.get("/account/invite/list", member).body().path("items")).hasSize(1);
    }

    @Test
    void createByAnAccountYoungerThanTheMinimumAgeIsRefused() {
        api.send("PUT", "/site", "{\"invite_min_account_age_hours\":1}", api.adminToken);

        assertRefused(create("{}", member), 403, "account_too_new_to_invite", "1 hours");
        api.app.clock().advance(Duration.ofHours(1));
        createOk("{}");
    }

    @Test
    void createOverTheDailyLimitIsRefused() {
        api.send("PUT", "/site", "{\"invites_per_user_per_day\":2}", api.adminToken);
        String first = createOk("{}").path("token").asText();
        createOk("{}");
        api.send("DELETE", "/account/invite", "{\"token\":\"" + first + "\"}", member);

        assertRefused(create("{}", member), 403, "invite_daily_limit_reached", "24 hours");
    }

    // ------------------------------------------------------------------ list

    @Test
    void listPagesNewestFirstAndOmitsNextPageOnTheLastPage() {
        String oldest = createOk("{}").path("token").asText();
        String middle = createOk("{\"max_uses\":3}").path("token").asText();
        String newest = createOk("{}").path("token").asText();

        Answer first = api.get("/account/invite/list?limit=2", member);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("items"))
                .extracting(item -> item.path("token").asText())
                .containsExactly(newest, middle);
        assertThat(first.body().path("items").get(1).path("invite_link").asText())
                .endsWith(middle);
        String cursor = first.body().path("next_page").asText();
        assertThat(cursor).isNotBlank();

        Answer second = api.get("/account/invite/list?limit=2&page_cursor=" + cursor, member);
        assertThat(second.body().path("items"))
                .extracting(item -> item.path("token").asText())
                .containsExactly(oldest);
        assertThat(second.body().has("next_page")).isFalse();
    }

    @Test
    void listOfNoInvitesIsAnEmptyArray() {
        Answer reply = api.get("/account/invite/list?", member);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("items").isArray()).isTrue();
        assertThat(reply.body().path("items")).isEmpty();
        assertThat(reply.body().has("next_page")).isFalse();
    }

    @Test
    void listLeavesOutExpiredInvites() {
        createOk("{\"expires_at\":\"" + api.app.clock().instant().plus(Duration.ofHours(1)) + "\"}");
        api.app.clock().advance(Duration.ofHours(2));

        assertThat(api.get("/account/invite/list", member).body().path("items")).isEmpty();
    }

    @Test
    void listRefusesALimitThatIsNotAnIntegerInRange() {
        for (String limit : new String[] {"0", "51", "-1", "abc", "1.5", "", "99999999999"}) {
            assertRefused(api.get("/account/invite/list?limit=" + limit, member), 400, "invalid_fetch_limit", "limit");
        }
    }

    @Test
    void listRefusesACursorGuestlistDidNotIssue() {
        assertRefused(
                api.get("/account/invite/list?page_cursor=not-a-cursor", member),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "aW52OjU=", "%00"})
    void listRefusesOtherTextsThatAreNoCursorOfItsOwn(String cursor) {
        assertRefused(
                api.get(
                        "/account/invite/list?page_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                        member),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
    }

    @Test
    void listRefusesTheCursorOfTheApplicationListing() {
        String foreign = new PageCursor(PageCursor.Listing.APPLICATIONS, 3).encode();

        assertRefused(
                api.get("/account/invite/list?page_cursor=" + foreign, member),
                400,
                "couldnt_parse_pagination_token",
                "page_cursor");
    }

    @Test
    void listRefusesAParameterGivenTwice() {
        assertRefused(api.get("/account/invite/list?limit=1&limit=2", member), 400, "bad_request", "limit");
    }

    @Test
    void listWithoutLogInIsRefused() {
        assertRefused(api.get("/account/invite/list", null), 401, "not_logged_in", "");
    }

    // ------------------------------------------------------------------ revoke

    @Test
    void revokeDeletesOnesOwnInvite() {
        String token = createOk("{}").path("token").asText();

        Answer reply = api.send("DELETE", "/account/invite", "{\"token\":\"" + token + "\"}", member);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("success").asBoolean()).isTrue();
        assertThat(api.get("/account/invite/list", member).body().path("items")).isEmpty();
    }

    @Test
    void anAdminMayRevokeAnyInvite() {
        String token = createOk("{}").path("token").asText();

        Answer reply = api.send("DELETE", "/account/invite", "{\"token\":\"" + token + "\"}", api.adminToken);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void revokeRefusesAnotherUsersOrAnUnknownInvite() {
        String token = createOk("{}").path("token").asText();
        String other = api.registerOpen("other", null);

        assertRefused(
                api.send("DELETE", "/account/invite", "{\"token\":\"" + token + "\"}", other),
                400,
                "invalid_invite_token",
                "");
        assertRefused(
                api.send("DELETE", "/account/invite", "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", member),
                400,
                "invalid_invite_token",
                "");
    }

    @Test
    void revokeNamesAMissingToken() {
        assertRefused(api.send("DELETE", "/account/invite", "{}", member), 400, "bad_request", "token");
    }

    @Test
    void revokeWithoutLogInIsRefused() {
        assertRefused(api.send("DELETE", "/account/invite", "{\"token\":\"x\"}", null), 401, "not_logged_in", "");
    }

    // ------------------------------------------------------------------ validity

    @Test
    void validityTellsWhetherAnInviteIsUsableWithoutLogIn() {
        String token = createOk("{\"expires_at\":\"" + api.app.clock().instant().plus(Duration.ofHours(1)) + "\"}")
                .path("token")
                .asText();

        Answer valid = api.get("/account/invite/validity?token=" + token, null);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body().path("valid").isBoolean()).isTrue();
        assertThat(valid.body().path("valid").asBoolean()).isTrue();
        assertThat(valid.body().size()).isEqualTo(1);

        api.app.clock().advance(Duration.ofHours(2));
        assertThat(api.get("/account/invite/validity?token=" + token, null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/account/invite/validity?token=garbage", null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void validityNeverRevealsTheComment() {
        String token = createOk("{\"comment\":\"secret note about Ann\"}")
                .path("token")
                .asText();

        Answer valid = api.get("/account/invite/validity?token=" + token, null);

        assertThat(valid.body().size()).isEqualTo(1);
        assertThat(valid.body().path("valid").asBoolean()).isTrue();
        assertThat(valid.text()).doesNotContain("secret");
    }

    @Test
    void validityNamesAMissingToken() {
        assertRefused(api.get("/account/invite/validity", null), 400, "bad_request", "token");
    }

    @Test
    void validityRefusesANulCharacterInTheToken() {
        assertRefused(api.get("/account/invite/validity?token=a%00b", null), 400, "bad_request", "token");
    }
}
