package guestlist.adapters.rest.error;

/**
 * Why the adapter itself refuses a request, before or instead of any use case: what HTTP carries
 * (the body, its size and type, the method, the path, the token's header, the query) rather than
 * what it asks. {@link ErrorTable} gives each its code and status.
 */
public enum RequestError {
    /** Malformed JSON, a missing or wrongly typed field or parameter, a value out of range. */
    BAD_REQUEST,
    /** A {@code limit} that is not an integer at all. */
    LIMIT_NOT_AN_INTEGER,
    /** A {@code page_cursor} that this listing did not hand out. */
    PAGE_CURSOR_NOT_ISSUED,
    /** No {@code Authorization: Bearer} token where one is needed. */
    NO_BEARER_TOKEN,
    /** A request authenticated by the session cookie that may change something, from another origin. */
    CROSS_SITE_REQUEST,
    /** No endpoint at this path. */
    NO_SUCH_ENDPOINT,
    /** An endpoint at this path, but not for this method. */
    METHOD_NOT_ALLOWED,
    /** A body over the limit. */
    PAYLOAD_TOO_LARGE,
    /** A body that is not JSON. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Over the rate limit. */
    TOO_MANY_REQUESTS,
    /**
     * The server cannot serve now: the database does not answer, the server is stopping, or a
     * request that hashes a password could not start in time (the hash-bound bulkhead is full).
     */
    SERVICE_UNAVAILABLE,
    /** A bug. */
    UNKNOWN
}
