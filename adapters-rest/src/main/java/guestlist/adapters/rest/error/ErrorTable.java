package guestlist.adapters.rest.error;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Objects;
import java.util.Optional;

/**
 * The one table from a refusal to what a client reads: Lemmy's error code (SPEC §3) and the HTTP
 * status. Every rule of the domain, every failure of a use case and every refusal of the adapter's
 * own has its row; several share a code (an invite's lifetime and its use limit are both
 * {@code bad_request}; a token's shape and an invite that is not usable are both
 * {@code invalid_invite_token}).
 */
public final class ErrorTable {

    /** An error code as it appears on the wire, e.g. {@code invalid_invite_token}, and its HTTP status. */
    public record WireError(String code, int status) {
        public WireError {
            Objects.requireNonNull(code, "code");
        }
    }

    static final WireError INVALID_NAME = new WireError("invalid_name", 400);
    static final WireError INVALID_PASSWORD = new WireError("invalid_password", 400);
    static final WireError PASSWORDS_DO_NOT_MATCH = new WireError("passwords_do_not_match", 400);
    static final WireError INVALID_EMAIL_ADDRESS = new WireError("invalid_email_address", 400);
    static final WireError HONEYPOT_FAILED = new WireError("honeypot_failed", 400);
    static final WireError REGISTRATION_APPLICATION_ANSWER_REQUIRED =
            new WireError("registration_application_answer_required", 400);
    static final WireError MISSING_INVITE_TOKEN = new WireError("missing_invite_token", 400);
    static final WireError INVALID_INVITE_TOKEN = new WireError("invalid_invite_token", 400);
    static final WireError COULDNT_PARSE_PAGINATION_TOKEN = new WireError("couldnt_parse_pagination_token", 400);
    static final WireError INVALID_FETCH_LIMIT = new WireError("invalid_fetch_limit", 400);
    static final WireError NOT_LOGGED_IN = new WireError("not_logged_in", 401);
    static final WireError INCORRECT_LOGIN = new WireError("incorrect_login", 401);
    static final WireError NOT_AN_ADMIN = new WireError("not_an_admin", 403);
    static final WireError REGISTRATION_CLOSED = new WireError("registration_closed", 403);
    static final WireError REGISTRATION_APPLICATION_IS_PENDING =
            new WireError("registration_application_is_pending", 403);
    static final WireError REGISTRATION_DENIED = new WireError("registration_denied", 403);
    static final WireError TOO_MANY_INVITES = new WireError("too_many_invites", 403);
    static final WireError SITE_BAN = new WireError("site_ban", 403);
    static final WireError BAN_EXPIRATION_IN_PAST = new WireError("ban_expiration_in_past", 400);
    static final WireError NOT_HIGHER_ADMIN = new WireError("not_higher_admin", 403);
    static final WireError INVITES_DISABLED = new WireError("invites_disabled", 403);
    static final WireError ACCOUNT_TOO_NEW_TO_INVITE = new WireError("account_too_new_to_invite", 403);
    static final WireError INVITE_DAILY_LIMIT_REACHED = new WireError("invite_daily_limit_reached", 403);
    static final WireError INVITE_SIGNUPS_PAUSED = new WireError("invite_signups_paused", 403);
    static final WireError CROSS_SITE_REQUEST = new WireError("cross_site_request", 403);
    static final WireError NOT_FOUND = new WireError("not_found", 404);
    static final WireError USERNAME_ALREADY_TAKEN = new WireError("username_already_taken", 409);
    static final WireError EMAIL_ALREADY_TAKEN = new WireError("email_already_taken", 409);
    static final WireError TOO_MANY_REQUESTS = new WireError("too_many_requests", 429);
    static final WireError UNKNOWN = new WireError("unknown", 500);
    static final WireError BAD_REQUEST = new WireError("bad_request", 400);
    static final WireError METHOD_NOT_ALLOWED = new WireError("method_not_allowed", 405);
    static final WireError PAYLOAD_TOO_LARGE = new WireError("payload_too_large", 413);
    static final WireError UNSUPPORTED_MEDIA_TYPE = new WireError("unsupported_media_type", 415);
    static final WireError SERVICE_UNAVAILABLE = new WireError("service_unavailable", 503);

    private ErrorTable() {}

    /** What a refusal of the domain's {@code rule} is answered with. */
    public static WireError of(Rule rule) {
        return switch (rule) {
            case USERNAME_SHAPE -> INVALID_NAME;
            case PASSWORD_LENGTH -> INVALID_PASSWORD;
            case PASSWORDS_DIFFER -> PASSWORDS_DO_NOT_MATCH;
            case EMAIL_ADDRESS_SHAPE -> INVALID_EMAIL_ADDRESS;
            case INVITE_TOKEN_SHAPE, INVITE_NOT_USABLE -> INVALID_INVITE_TOKEN;
            case INVITE_USE_LIMIT,
                    INVITE_LIFETIME,
                    INVITE_COMMENT_LENGTH,
                    DENY_REASON_LENGTH,
                    SITE_NAME_LENGTH,
                    SITE_INVITE_CAP_RANGE,
                    SITE_QUESTION_LENGTH,
                    MODERATION_REASON_LENGTH,
                    SITE_INVITE_MIN_ACCOUNT_AGE_RANGE,
                    SITE_INVITES_PER_DAY_RANGE,
                    SITE_INVITE_SIGNUPS_PER_DAY_RANGE -> BAD_REQUEST;
            case INVITE_REQUIRED -> MISSING_INVITE_TOKEN;
            case INVITE_CAP_REACHED -> TOO_MANY_INVITES;
            case ACCOUNT_TOO_NEW_TO_INVITE -> ACCOUNT_TOO_NEW_TO_INVITE;
            case INVITE_DAILY_LIMIT_REACHED -> INVITE_DAILY_LIMIT_REACHED;
            case INVITE_SIGNUPS_PAUSED -> INVITE_SIGNUPS_PAUSED;
            case APPLICATION_ANSWER_REQUIRED -> REGISTRATION_APPLICATION_ANSWER_REQUIRED;
            case REGISTRATION_CLOSED -> REGISTRATION_CLOSED;
            case APPLICATION_PENDING -> REGISTRATION_APPLICATION_IS_PENDING;
            case APPLICATION_DENIED -> REGISTRATION_DENIED;
            case ADMIN_ONLY -> NOT_AN_ADMIN;
            case PAGE_SIZE -> INVALID_FETCH_LIMIT;
            case ACCOUNT_BANNED -> SITE_BAN;
            case BAN_EXPIRATION_IN_PAST -> BAN_EXPIRATION_IN_PAST;
            case NOT_HIGHER_ADMIN -> NOT_HIGHER_ADMIN;
            case INVITES_DISABLED -> INVITES_DISABLED;
        };
    }

    /** What a use case that failed for {@code reason} is answered with. */
    public static WireError of(UseCaseFailure.Reason reason) {
        return switch (reason) {
            case NOT_LOGGED_IN -> NOT_LOGGED_IN;
            case INCORRECT_LOGIN -> INCORRECT_LOGIN;
            case NO_SUCH_APPLICATION, NO_SUCH_ACCOUNT -> NOT_FOUND;
            case USERNAME_TAKEN -> USERNAME_ALREADY_TAKEN;
            case EMAIL_TAKEN -> EMAIL_ALREADY_TAKEN;
            case HONEYPOT_FILLED -> HONEYPOT_FAILED;
            case ANSWER_TOO_LONG -> BAD_REQUEST;
            case NO_INVITE_OF_YOURS -> INVALID_INVITE_TOKEN;
        };
    }

    /** What the adapter's own refusal for {@code error} is answered with. */
    public static WireError of(RequestError error) {
        return switch (error) {
            case BAD_REQUEST -> BAD_REQUEST;
            case LIMIT_NOT_AN_INTEGER -> INVALID_FETCH_LIMIT;
            case PAGE_CURSOR_NOT_ISSUED -> COULDNT_PARSE_PAGINATION_TOKEN;
            case NO_BEARER_TOKEN -> NOT_LOGGED_IN;
            case CROSS_SITE_REQUEST -> CROSS_SITE_REQUEST;
            case NO_SUCH_ENDPOINT -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /**
     * What a failure is answered with when it is a refusal (of the domain, of a use case, of the
     * adapter) or storage that cannot serve ({@code service_unavailable}); empty for anything else,
     * which is a bug.
     */
    public static Optional<WireError> of(Throwable failure) {
        if (failure instanceof Refusal refusal) {
            return Optional.of(of(refusal.rule()));
        }
        if (failure instanceof UseCaseFailure failed) {
            return Optional.of(of(failed.reason()));
        }
        if (failure instanceof RequestRefusal refused && refused.error() != RequestError.UNKNOWN) {
            return Optional.of(of(refused.error()));
        }
        if (failure instanceof Unavailable) {
            return Optional.of(SERVICE_UNAVAILABLE);
        }
        return Optional.empty();
    }
}
