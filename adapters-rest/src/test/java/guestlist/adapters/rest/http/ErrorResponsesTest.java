package guestlist.adapters.rest.http;

import guestlist.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {

    /** SPEC §3, written out once more by hand: the table the adapter must follow. */
    private static final Map<ErrorCode, Integer> SPEC = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.INVALID_NAME, 400),
            Map.entry(ErrorCode.INVALID_PASSWORD, 400),
            Map.entry(ErrorCode.PASSWORDS_DO_NOT_MATCH, 400),
            Map.entry(ErrorCode.INVALID_EMAIL_ADDRESS, 400),
            Map.entry(ErrorCode.HONEYPOT_FAILED, 400),
            Map.entry(ErrorCode.REGISTRATION_APPLICATION_ANSWER_REQUIRED, 400),
            Map.entry(ErrorCode.MISSING_INVITE_TOKEN, 400),
            Map.entry(ErrorCode.INVALID_INVITE_TOKEN, 400),
            Map.entry(ErrorCode.COULDNT_PARSE_PAGINATION_TOKEN, 400),
            Map.entry(ErrorCode.INVALID_FETCH_LIMIT, 400),
            Map.entry(ErrorCode.NOT_LOGGED_IN, 401),
            Map.entry(ErrorCode.INCORRECT_LOGIN, 401),
            Map.entry(ErrorCode.NOT_AN_ADMIN, 403),
            Map.entry(ErrorCode.REGISTRATION_CLOSED, 403),
            Map.entry(ErrorCode.REGISTRATION_APPLICATION_IS_PENDING, 403),
            Map.entry(ErrorCode.REGISTRATION_DENIED, 403),
            Map.entry(ErrorCode.TOO_MANY_INVITES, 403),
            Map.entry(ErrorCode.NOT_FOUND, 404),
            Map.entry(ErrorCode.USERNAME_ALREADY_TAKEN, 409),
            Map.entry(ErrorCode.EMAIL_ALREADY_TAKEN, 409),
            Map.entry(ErrorCode.TOO_MANY_REQUESTS, 429),
            Map.entry(ErrorCode.UNKNOWN, 500),
            Map.entry(ErrorCode.BAD_REQUEST, 400),
            Map.entry(ErrorCode.METHOD_NOT_ALLOWED, 405),
            Map.entry(ErrorCode.PAYLOAD_TOO_LARGE, 413),
            Map.entry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415),
            Map.entry(ErrorCode.SERVICE_UNAVAILABLE, 503)));

    @Test
    void everyCodeHasTheStatusOfTheSpec() {
        assertThat(SPEC.keySet()).as("the table covers every code").containsExactlyInAnyOrder(ErrorCode.values());
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorResponses.status(code)).as(code.wireName()).isEqualTo(SPEC.get(code));
        }
    }

    @Test
    void theErrorBodyHasOnlyErrorAndMessage() {
        String json = new String(Json.write(new ErrorResponses.ErrorBody("not_found", "no \"such\" thing")),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"error\":\"not_found\",\"message\":\"no \\\"such\\\" thing\"}");
    }
}
