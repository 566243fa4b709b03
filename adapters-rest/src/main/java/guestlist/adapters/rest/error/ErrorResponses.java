package guestlist.adapters.rest.error;

import guestlist.adapters.rest.error.ErrorTable.WireError;
import guestlist.adapters.rest.http.Json;
import guestlist.adapters.rest.http.Responses;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The one place where failures become HTTP answers: the code and status that {@link ErrorTable}
 * gives a refusal, in the body {@code {"error": "<code>", "message": "..."}}. A failure that is no
 * refusal is a bug: it is logged with a random id, and the answer is {@code 500 unknown} repeating
 * only that id.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** Seconds a client is told to wait on a 429 that did not say how long. */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

    /** The code of the error answer sent on an exchange, for the access log and the metrics. */
    private static final AttachmentKey<String> CODE = AttachmentKey.create(String.class);

    /**
     * Seconds a client is told to wait on a 503 that did not say how long: a database that went
     * away or ended a connection is usually back within seconds (the pool waits 2 s for it).
     */
    static final long SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private ErrorResponses() {}

    /** Answers any failure: a refusal with its code, anything else as a logged bug. */
    public static void send(HttpServerExchange exchange, Throwable failure) {
        Answer answer = answer(exchange, failure);
        send(exchange, answer.error(), answer.message());
    }

    /**
     * What a failure is answered with, logged when it must be: a refusal with the code the
     * {@link ErrorTable} gives it and its message (a {@code service_unavailable} with a warning),
     * anything else as {@code unknown} with a random id, logged with the failure. Writes nothing.
     */
    public static Answer answer(HttpServerExchange exchange, Throwable failure) {
        Optional<WireError> refused = ErrorTable.of(failure);
        if (refused.isPresent()) {
            if (refused.get().equals(ErrorTable.SERVICE_UNAVAILABLE)) {
                LOG.warn(
                        "{} {}: service unavailable: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestPath(),
                        failure.getMessage(),
                        failure.getCause());
            }
            return new Answer(refused.get(), failure.getMessage());
        }
        String id = UUID.randomUUID().toString();
        LOG.error(
                "unexpected failure {} on {} {}", id, exchange.getRequestMethod(), exchange.getRequestPath(), failure);
        return new Answer(ErrorTable.of(RequestError.UNKNOWN), "internal error; it was logged with id " + id);
    }

    /**
     * Answers with {@code error}'s code and status, and {@code message}. Headers the caller set before (such as
     * {@code Allow} or {@code Retry-After}) are kept. When the answer has already begun there is
     * nothing sound left to say, so the connection is closed.
     */
    public static void send(HttpServerExchange exchange, WireError error, String message) {
        if (!exchange.getConnection().isOpen()) {
            LOG.debug(
                    "{} {}: the connection is closed; {} not sent",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath(),
                    error.code());
            return;
        }
        if (exchange.isResponseStarted()) {
            LOG.debug(
                    "{} {}: cannot answer {} after the response began; closing the connection",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath(),
                    error.code());
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.putAttachment(CODE, error.code());
        if (error.equals(ErrorTable.TOO_MANY_REQUESTS) && !hasHeader(exchange, Headers.RETRY_AFTER_STRING)) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(DEFAULT_RETRY_AFTER_SECONDS));
        }
        if (error.equals(ErrorTable.SERVICE_UNAVAILABLE) && !hasHeader(exchange, Headers.RETRY_AFTER_STRING)) {
            exchange.getResponseHeaders()
                    .put(Headers.RETRY_AFTER, Long.toString(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        Responses.send(exchange, error.status(), Json.write(new ErrorBody(error.code(), message)));
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
            RequestError error = switch (status) {
                case 400 -> RequestError.BAD_REQUEST;
                case 404 -> RequestError.NO_SUCH_ENDPOINT;
                case 405 -> RequestError.METHOD_NOT_ALLOWED;
                case 413 -> RequestError.PAYLOAD_TOO_LARGE;
                case 415 -> RequestError.UNSUPPORTED_MEDIA_TYPE;
                case 429 -> RequestError.TOO_MANY_REQUESTS;
                case 503 -> RequestError.SERVICE_UNAVAILABLE;
                default -> status < 500 ? RequestError.BAD_REQUEST : RequestError.UNKNOWN;
            };
            if (error == RequestError.SERVICE_UNAVAILABLE) {
                exchange.setPersistent(false);
            }
            String message = switch (error) {
                case SERVICE_UNAVAILABLE -> "the server is not taking requests now; try again in a moment";
                case UNKNOWN -> "internal error";
                default -> "the request was refused (HTTP " + status + ")";
            };
            send(exchange, ErrorTable.of(error), message);
            return true;
        };
    }

    /** The code of the error answer sent on {@code exchange}; empty when it sent none (yet). */
    public static Optional<String> codeOf(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(CODE));
    }

    private static boolean hasHeader(HttpServerExchange exchange, String name) {
        HeaderValues values = exchange.getResponseHeaders().get(name);
        return values != null && !values.isEmpty();
    }

    /** The error body; also what tests and clients read. */
    record ErrorBody(String error, String message) {}

    /** What a failure is answered with: a code and status, and the message. */
    public record Answer(WireError error, String message) {}
}
