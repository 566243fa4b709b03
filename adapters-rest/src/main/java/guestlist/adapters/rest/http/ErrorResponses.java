package guestlist.adapters.rest.http;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import java.util.UUID;

/**
 * The one place where failures become HTTP answers: the status of every {@link ErrorCode} and the
 * body {@code {"error": "<code>", "message": "..."}}. A failure that is not a
 * {@link GuestlistException} is a bug: it is logged with a random id, and the answer is
 * {@code 500 unknown} repeating only that id.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** Seconds a client is told to wait on a 429 that did not say how long. */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

    private ErrorResponses() {
    }

    /** The HTTP status of each error code (SPEC §3). */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_NAME, INVALID_PASSWORD, PASSWORDS_DO_NOT_MATCH, INVALID_EMAIL_ADDRESS, HONEYPOT_FAILED,
                 REGISTRATION_APPLICATION_ANSWER_REQUIRED, MISSING_INVITE_TOKEN, INVALID_INVITE_TOKEN,
                 COULDNT_PARSE_PAGINATION_TOKEN, INVALID_FETCH_LIMIT, BAD_REQUEST -> 400;
            case NOT_LOGGED_IN, INCORRECT_LOGIN -> 401;
            case NOT_AN_ADMIN, REGISTRATION_CLOSED, REGISTRATION_APPLICATION_IS_PENDING, REGISTRATION_DENIED,
                 TOO_MANY_INVITES -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case USERNAME_ALREADY_TAKEN, EMAIL_ALREADY_TAKEN -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_MANY_REQUESTS -> 429;
            case UNKNOWN -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** Answers any failure: a {@link GuestlistException} with its code, anything else as a logged bug. */
    public static void send(HttpServerExchange exchange, Throwable failure) {
        GuestlistException refusal = refusal(exchange, failure);
        send(exchange, refusal.code(), refusal.getMessage());
    }

    /**
     * What a failure is answered with, logged when it must be: a {@link GuestlistException} as it is
     * (a {@code service_unavailable} with a warning), anything else as {@code unknown} with a random
     * id, logged with the failure. Writes nothing.
     */
    static GuestlistException refusal(HttpServerExchange exchange, Throwable failure) {
        if (failure instanceof GuestlistException refusal && refusal.code() != ErrorCode.UNKNOWN) {
            if (refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                LOG.warn("{} {}: service unavailable: {}", exchange.getRequestMethod(), exchange.getRequestPath(),
                        refusal.getMessage(), refusal.getCause());
            }
            return refusal;
        }
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected failure {} on {} {}", id, exchange.getRequestMethod(), exchange.getRequestPath(), failure);
        return new GuestlistException(ErrorCode.UNKNOWN, "internal error; it was logged with id " + id);
    }

    /**
     * Answers with {@code code} and {@code message}. Headers the caller set before (such as
     * {@code Allow} or {@code Retry-After}) are kept. When the answer has already begun there is
     * nothing sound left to say, so the connection is closed.
     */
    public static void send(HttpServerExchange exchange, ErrorCode code, String message) {
        if (!exchange.getConnection().isOpen()) {
            LOG.debug("{} {}: the connection is closed; {} not sent", exchange.getRequestMethod(),
                    exchange.getRequestPath(), code.wireName());
            return;
        }
        if (exchange.isResponseStarted()) {
            LOG.debug("{} {}: cannot answer {} after the response began; closing the connection",
                    exchange.getRequestMethod(), exchange.getRequestPath(), code.wireName());
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (code == ErrorCode.TOO_MANY_REQUESTS && !hasHeader(exchange, Headers.RETRY_AFTER_STRING)) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(DEFAULT_RETRY_AFTER_SECONDS));
        }
        Responses.send(exchange, status(code), Json.write(new ErrorBody(code.wireName(), message)));
    }

    /**
     * A safety net for answers Undertow ends with a bare status and no body (a request refused by
     * the graceful-shutdown handler, an exception that escaped a handler): it writes the envelope
     * that fits the status, so that every answer a client reads is JSON.
     */
    public static DefaultResponseListener envelopeForBareErrors() {
        return exchange -> {
            int status = exchange.getStatusCode();
            if (exchange.isResponseStarted() || status < 400) {
                return false;
            }
            ErrorCode code = switch (status) {
                case 400 -> ErrorCode.BAD_REQUEST;
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                case 429 -> ErrorCode.TOO_MANY_REQUESTS;
                case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
                default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.UNKNOWN;
            };
            if (code == ErrorCode.SERVICE_UNAVAILABLE) {
                exchange.setPersistent(false);
            }
            String message = switch (code) {
                case SERVICE_UNAVAILABLE -> "the server is not taking requests now; try again in a moment";
                case UNKNOWN -> "internal error";
                default -> "the request was refused (HTTP " + status + ")";
            };
            send(exchange, code, message);
            return true;
        };
    }

    private static boolean hasHeader(HttpServerExchange exchange, String name) {
        HeaderValues values = exchange.getResponseHeaders().get(name);
        return values != null && !values.isEmpty();
    }

    /** The error body; also what tests and clients read. */
    record ErrorBody(String error, String message) {
    }
}
