package guestlist.adapters.rest.error;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.error.ErrorTable.WireError;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

    /** SPEC §3, written out once more by hand: every code Guestlist answers with, and its status. */
    private static final Map<String, Integer> SPEC = Map.ofEntries(
            entry("invalid_name", 400),
            entry("invalid_password", 400),
            entry("passwords_do_not_match", 400),
            entry("invalid_email_address", 400),
            entry("honeypot_failed", 400),
            entry("registration_application_answer_required", 400),
            entry("missing_invite_token", 400),
            entry("invalid_invite_token", 400),
            entry("couldnt_parse_pagination_token", 400),
            entry("invalid_fetch_limit", 400),
            entry("not_logged_in", 401),
            entry("incorrect_login", 401),
            entry("not_an_admin", 403),
            entry("registration_closed", 403),
            entry("registration_application_is_pending", 403),
            entry("registration_denied", 403),
            entry("too_many_invites", 403),
            entry("site_ban", 403),
            entry("ban_expiration_in_past", 400),
            entry("not_higher_admin", 403),
            entry("invites_disabled", 403),
            entry("account_too_new_to_invite", 403),
            entry("invite_daily_limit_reached", 403),
            entry("invite_signups_paused", 403),
            entry("cross_site_request", 403),
            entry("not_found", 404),
            entry("username_already_taken", 409),
            entry("email_already_taken", 409),
            entry("too_many_requests", 429),
            entry("unknown", 500),
            entry("bad_request", 400),
            entry("method_not_allowed", 405),
            entry("payload_too_large", 413),
            entry("unsupported_media_type", 415),
            entry("service_unavailable", 503));

    @Test
    void everyRuleOfTheDomainHasACodeOfTheSpecWithItsStatus() {
        for (Rule rule : Rule.values()) {
            assertOfTheSpec(rule.name(), ErrorTable.of(rule));
            assertThat(ErrorTable.of(new Refusal(rule, "refused"))).contains(ErrorTable.of(rule));
        }
    }

    @Test
    void everyFailureOfAUseCaseHasACodeOfTheSpecWithItsStatus() {
        for (Reason reason : Reason.values()) {
            assertOfTheSpec(reason.name(), ErrorTable.of(reason));
            assertThat(ErrorTable.of(new UseCaseFailure(reason, "failed"))).contains(ErrorTable.of(reason));
        }
    }

    @Test
    void everyRefusalOfTheAdapterHasACodeOfTheSpecWithItsStatus() {
        for (RequestError error : RequestError.values()) {
            assertOfTheSpec(error.name(), ErrorTable.of(error));
        }
    }

    @Test
    void storageThatCannotServeIsServiceUnavailable() {
        assertThat(ErrorTable.of(new Unavailable("the database cannot be reached")))
                .contains(new WireError("service_unavailable", 503));
    }

    @Test
    void aBugIsNoRefusal() {
        assertThat(ErrorTable.of(new IllegalStateException("a bug"))).isEmpty();
        assertThat(ErrorTable.of(new RequestRefusal(RequestError.UNKNOWN, "a bug")))
                .isEmpty();
    }

    @Test
    void everyCodeOfTheSpecIsAnsweredForSomething() {
        Set<String> answered = Stream.of(
                        Arrays.stream(Rule.values()).map(ErrorTable::of),
                        Arrays.stream(Reason.values()).map(ErrorTable::of),
                        Arrays.stream(RequestError.values()).map(ErrorTable::of))
                .flatMap(rows -> rows)
                .map(WireError::code)
                .collect(Collectors.toSet());

        assertThat(answered).containsExactlyInAnyOrderElementsOf(SPEC.keySet());
    }

    @Test
    void severalRefusalsShareACode() {
        WireError badRequest = new WireError("bad_request", 400);
        assertThat(ErrorTable.of(Rule.INVITE_LIFETIME)).isEqualTo(badRequest);
        assertThat(ErrorTable.of(Rule.INVITE_USE_LIMIT)).isEqualTo(badRequest);
        assertThat(ErrorTable.of(RequestError.BAD_REQUEST)).isEqualTo(badRequest);

        WireError invalidInviteToken = new WireError("invalid_invite_token", 400);
        assertThat(ErrorTable.of(Rule.INVITE_TOKEN_SHAPE)).isEqualTo(invalidInviteToken);
        assertThat(ErrorTable.of(Rule.INVITE_NOT_USABLE)).isEqualTo(invalidInviteToken);
        assertThat(ErrorTable.of(Reason.NO_INVITE_OF_YOURS)).isEqualTo(invalidInviteToken);

        WireError notLoggedIn = new WireError("not_logged_in", 401);
        assertThat(ErrorTable.of(Reason.NOT_LOGGED_IN)).isEqualTo(notLoggedIn);
        assertThat(ErrorTable.of(RequestError.NO_BEARER_TOKEN)).isEqualTo(notLoggedIn);
    }

    @Test
    void theInviteQuotasHaveCodesOfTheirOwnAndTheirSettingsAreBadRequests() {
        assertThat(ErrorTable.of(Rule.ACCOUNT_TOO_NEW_TO_INVITE))
                .isEqualTo(new WireError("account_too_new_to_invite", 403));
        assertThat(ErrorTable.of(Rule.INVITE_DAILY_LIMIT_REACHED))
                .isEqualTo(new WireError("invite_daily_limit_reached", 403));
        assertThat(ErrorTable.of(Rule.INVITE_SIGNUPS_PAUSED)).isEqualTo(new WireError("invite_signups_paused", 403));
        WireError badRequest = new WireError("bad_request", 400);
        assertThat(ErrorTable.of(Rule.INVITE_COMMENT_LENGTH)).isEqualTo(badRequest);
        assertThat(ErrorTable.of(Rule.SITE_INVITE_MIN_ACCOUNT_AGE_RANGE)).isEqualTo(badRequest);
        assertThat(ErrorTable.of(Rule.SITE_INVITES_PER_DAY_RANGE)).isEqualTo(badRequest);
        assertThat(ErrorTable.of(Rule.SITE_INVITE_SIGNUPS_PER_DAY_RANGE)).isEqualTo(badRequest);
    }

    @Test
    void someRowsPinned() {
        assertThat(ErrorTable.of(Rule.USERNAME_SHAPE)).isEqualTo(new WireError("invalid_name", 400));
        assertThat(ErrorTable.of(Rule.INVITE_CAP_REACHED)).isEqualTo(new WireError("too_many_invites", 403));
        assertThat(ErrorTable.of(Rule.APPLICATION_DENIED)).isEqualTo(new WireError("registration_denied", 403));
        assertThat(ErrorTable.of(Rule.ADMIN_ONLY)).isEqualTo(new WireError("not_an_admin", 403));
        assertThat(ErrorTable.of(Reason.USERNAME_TAKEN)).isEqualTo(new WireError("username_already_taken", 409));
        assertThat(ErrorTable.of(Reason.NO_SUCH_APPLICATION)).isEqualTo(new WireError("not_found", 404));
        assertThat(ErrorTable.of(RequestError.NO_SUCH_ENDPOINT)).isEqualTo(new WireError("not_found", 404));
        assertThat(ErrorTable.of(RequestError.PAYLOAD_TOO_LARGE)).isEqualTo(new WireError("payload_too_large", 413));
    }

    private static void assertOfTheSpec(String refusal, WireError answer) {
        assertThat(SPEC).as("the code of %s", refusal).containsKey(answer.code());
        assertThat(answer.status())
                .as("the status of %s (%s)", refusal, answer.code())
                .isEqualTo(SPEC.get(answer.code()));
    }
}
