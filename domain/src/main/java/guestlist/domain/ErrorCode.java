package guestlist.domain;

/**
 * The closed set of failures Guestlist reports. Every layer throws these through
 * {@link GuestlistException}; the REST adapter alone decides the HTTP status of each.
 */
public enum ErrorCode {
    INVALID_NAME,
    INVALID_PASSWORD,
    PASSWORDS_DO_NOT_MATCH,
    INVALID_EMAIL_ADDRESS,
    HONEYPOT_FAILED,
    REGISTRATION_APPLICATION_ANSWER_REQUIRED,
    MISSING_INVITE_TOKEN,
    INVALID_INVITE_TOKEN,
    COULDNT_PARSE_PAGINATION_TOKEN,
    INVALID_FETCH_LIMIT,
    NOT_LOGGED_IN,
    INCORRECT_LOGIN,
    NOT_AN_ADMIN,
    REGISTRATION_CLOSED,
    REGISTRATION_APPLICATION_IS_PENDING,
    REGISTRATION_DENIED,
    TOO_MANY_INVITES,
    NOT_FOUND,
    USERNAME_ALREADY_TAKEN,
    EMAIL_ALREADY_TAKEN,
    TOO_MANY_REQUESTS,
    UNKNOWN,
    BAD_REQUEST,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    SERVICE_UNAVAILABLE;

    /** The code as it appears on the wire, e.g. {@code invalid_invite_token}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
