package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.adapters.rest.json.CreateInviteRequest;
import guestlist.adapters.rest.json.DecideRegistrationApplicationRequest;
import guestlist.adapters.rest.json.EditSiteRequest;
import guestlist.adapters.rest.json.LoginRequest;
import guestlist.adapters.rest.json.LogoutRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Request bodies bound into request records: what Jackson does by configuration (required fields,
 * no coercion, unknown fields ignored, the limits), and why each hand-written piece is there.
 */
class JsonTest {

    private static final String LOGIN = "{\"username_or_email\":\"a\",\"password\":\"b\"";

    private static <T> T read(String body, Class<T> type) {
        return Json.read(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String refused(byte[] body, Class<?> type) {
        RequestRefusal refusal = catchThrowableOfType(RequestRefusal.class, () -> Json.read(body, type));
        assertThat(refusal).as(new String(body, StandardCharsets.ISO_8859_1)).isNotNull();
        assertThat(refusal.error()).isEqualTo(RequestError.BAD_REQUEST);
        return refusal.getMessage();
    }

    private static String refused(String body, Class<?> type) {
        return refused(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void fieldsAreBoundByTheirSnakeCaseNamesAndUnknownOnesIgnored() {
        LoginRequest login =
                read(LOGIN + ",\"stay_logged_in\":true,\"captcha_uuid\":{\"x\":[1,2]}}", LoginRequest.class);

        assertThat(login).isEqualTo(new LoginRequest("a", "b", true));
        assertThat(read("", LogoutRequest.class))
                .as("an empty body counts as {}")
                .isEqualTo(new LogoutRequest());
    }

    @Test
    void requiredFieldsMissingOrNullAreRefusedByName() {
        assertThat(refused("{\"password\":\"b\"}", LoginRequest.class)).isEqualTo("username_or_email is required");
        assertThat(refused(LOGIN.replace("\"b\"", "null") + "}", LoginRequest.class))
                .isEqualTo("password is required");
        assertThat(refused("{\"id\":5}", DecideRegistrationApplicationRequest.class))
                .isEqualTo("approve is required");
        assertThat(read(LOGIN + ",\"stay_logged_in\":null}", LoginRequest.class).stayLoggedIn())
                .as("an optional null is absent")
                .isNull();
    }

    @Test
    void nothingIsCoerced() {
        assertThat(refused("{\"max_uses\":\"5\"}", CreateInviteRequest.class)).isEqualTo("max_uses must be an integer");
        assertThat(refused("{\"max_uses\":1.0}", CreateInviteRequest.class)).isEqualTo("max_uses must be an integer");
        assertThat(refused("{\"max_uses\":[1]}", CreateInviteRequest.class)).isEqualTo("max_uses must be an integer");
        assertThat(refused("{\"max_uses\":true}", CreateInviteRequest.class)).isEqualTo("max_uses must be an integer");
        assertThat(refused("{\"max_uses\":99999999999}", CreateInviteRequest.class))
                .isEqualTo("max_uses must be an integer");
        assertThat(refused(LOGIN + ",\"stay_logged_in\":1}", LoginRequest.class))
                .isEqualTo("stay_logged_in must be true or false");
        assertThat(refused(LOGIN + ",\"stay_logged_in\":\"true\"}", LoginRequest.class))
                .isEqualTo("stay_logged_in must be true or false");
        assertThat(refused("{\"username_or_email\":[\"a\"],\"password\":\"b\"}", LoginRequest.class))
                .isEqualTo("username_or_email must be a string");
        assertThat(refused("{\"username_or_email\":\"a\",\"password\":1}", LoginRequest.class))
                .isEqualTo("password must be a string");
    }

    @Test
    void aRecordChecksItsOwnRanges() {
        assertThat(refused("{\"max_uses\":0}", CreateInviteRequest.class))
                .isEqualTo("max_uses must be an integer between 1 and 1000000");
        assertThat(refused("{\"max_invites_per_user_allowed\":-1}", EditSiteRequest.class))
                .contains("max_invites_per_user_allowed", "between 0 and 1000000");
        assertThat(refused("{\"id\":0,\"approve\":true}", DecideRegistrationApplicationRequest.class))
                .contains("id must be an integer between 1 and");
    }

    /** Why a deserializer of our own reads every string: NUL and unpaired surrogates are valid JSON, but no text. */
    @Test
    void textHoldsNoNulAndNoUnpairedSurrogate() {
        assertThat(refused("{\"username_or_email\":\"a\\u0000b\",\"password\":\"b\"}", LoginRequest.class))
                .isEqualTo("username_or_email must not contain NUL characters");
        assertThat(refused("{\"name\":\"x\\ud800\"}", EditSiteRequest.class))
                .isEqualTo("name must be Unicode text (it holds an unpaired surrogate escape)");
        assertThat(refused("{\"name\":\"\\udc00\\ud800\"}", EditSiteRequest.class))
                .startsWith("name must be Unicode");
        assertThat(read("{\"name\":\"\\ud835\\udd4f\"}", EditSiteRequest.class).name())
                .isEqualTo("\uD835\uDD4F");
    }

    /**
     * Why the timestamp deserializer is jsr310's held to RFC 3339: jsr310 alone also takes epoch
     * numbers (as numbers and as strings) and blanks around the text, and ISO 8601 times without
     * seconds, a year of more than four digits or a day past the month's end; RFC 3339 takes a
     * lower-case t and z.
     */
    @Test
    void timestampsAreRfc3339WithAnOffset() {
        Instant expected = Instant.parse("2030-01-01T00:00:00Z");
        for (String accepted : new String[] {
            "2030-01-01T00:00:00Z",
            "2030-01-01t00:00:00z",
            "2030-01-01T02:00:00+02:00",
            "2029-12-31T23:00:00-01:00",
            "2030-01-01T00:00:00.000Z",
            "2030-01-01T00:00:00.000000000Z"
        }) {
            assertThat(read("{\"expires_at\":\"" + accepted + "\"}", CreateInviteRequest.class)
                            .expiresAt())
                    .as(accepted)
                    .isEqualTo(expected);
        }
        for (String notOne : new String[] {
            "12345",
            "1.5",
            "\"1700000000\"",
            "\"\"",
            "\" 2030-01-01T00:00:00Z\"",
            "\"2030-01-01T00:00:00Z \"",
            "\"2030-01-01\"",
            "\"2030-01-01T00:00:00\"",
            "\"2030-01-01T00:00:00+0200\"",
            "\"2030-01-01T00:00Z\"",
            "\"+2030-01-01T00:00:00Z\"",
            "\"2030-02-30T00:00:00Z\"",
            "\"2030-1-01T00:00:00Z\"",
            "\"2030-01-01T00:00:00.Z\"",
            "\"tomorrow\"",
            "true",
            "[\"2030-01-01T00:00:00Z\"]"
        }) {
            assertThat(refused("{\"expires_at\":" + notOne + "}", CreateInviteRequest.class))
                    .as(notOne)
                    .isEqualTo("expires_at must be an RFC 3339 timestamp with an offset, like 2026-01-31T12:00:00Z");
        }
    }

    @Test
    void aBodyThatIsNoJsonObjectIsRefused() {
        for (String notAnObject : new String[] {"[]", "[{}]", "null", "42", "\"text\"", "true", "{} {}"}) {
            assertThat(refused(notAnObject, LogoutRequest.class))
                    .as(notAnObject)
                    .contains("must be a JSON object");
        }
        for (String malformed : new String[] {
            "{", "{\"a\":", "{'a':1}", "{/* c */}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\":1} x", "{\u0000}"
        }) {
            assertThat(refused(malformed, LogoutRequest.class))
                    .as(malformed)
                    .startsWith("the request body is not well-formed JSON");
        }
        assertThat(refused("{\"username_or_email\":\"al", LoginRequest.class))
                .isEqualTo("the request body is not well-formed JSON in field username_or_email (line 1, column 25)");
        assertThat(refused(LOGIN + ",\"password\":\"c\"}", LoginRequest.class)).contains("in field password");
    }

    @Test
    void theParserLimitsAreNamed() {
        assertThat(refused("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", LogoutRequest.class))
                .isEqualTo("the request body is nested more than 32 levels deep");
        assertThat(refused("{\"max_uses\":" + "9".repeat(31) + "}", CreateInviteRequest.class))
                .contains("more than 30 characters", "in field max_uses");
        assertThat(refused("{\"junk\":1" + "0".repeat(100) + "}", LogoutRequest.class))
                .contains("in field junk");
        assertThat(refused("{\"" + "n".repeat(257) + "\":1}", LogoutRequest.class))
                .contains("field name of more than 256");
    }

    /**
     * Why the body is decoded before Jackson sees it: from bytes, Jackson would read UTF-16 and
     * UTF-32, and pass overlong forms and encoded surrogates, in a field it skips above all.
     */
    @Test
    void theBodyIsStrictUtf8() {
        for (byte[] notUtf8 : new byte[][] {
            bytes('{', '"', 'a', '"', ':', '"', 0xC0, 0xAF, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xE0, 0x81, 0x81, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xED, 0xA0, 0x80, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0x80, '"', '}'),
            bytes('{', '"', 'a', '"', ':', '"', 0xF0, 0x9F, '"', '}'),
            bytes(0xFF, 0xFE, '{', 0, '}', 0)
        }) {
            assertThat(refused(notUtf8, LogoutRequest.class))
                    .isEqualTo("the request body is not well-formed JSON in UTF-8");
        }
        assertThat(refused(bytes('{', 0, '}', 0), LogoutRequest.class))
                .as("UTF-16 without a mark")
                .startsWith("the request body is not well-formed JSON");
        assertThat(refused(bytes(0, 0, 0, '{', 0, 0, 0, '}'), LogoutRequest.class))
                .as("UTF-32")
                .startsWith("the request body is not well-formed JSON");
        assertThat(Json.read(bytes(0xEF, 0xBB, 0xBF, '{', '}'), LogoutRequest.class))
                .as("a UTF-8 byte order mark")
                .isEqualTo(new LogoutRequest());
    }
}
