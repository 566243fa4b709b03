package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.application.port.in.AuthenticateUseCase;
import io.undertow.io.Receiver;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * The glue between Undertow and one {@link ApiHandler}, in this order: the checks that need only the
 * headers (declared size, media type), then the body, the handler, then the JSON answer. Any
 * failure on the way goes to {@link ErrorResponses}.
 *
 * <p>The body is taken by Undertow's receiver, on the I/O thread as it arrives, within the body
 * limit (for endpoints that take none it is received the same way and dropped), so a client that
 * sends slowly holds no thread; only once the whole body is there does the handler (which blocks: it
 * calls use cases) run on a worker thread. What Undertow lacks is added here: a deadline for the
 * whole body (the receiver would wait as long as the connection lives, and a byte now and then keeps
 * it alive), and answers written on the I/O thread (see {@link #respond}).
 *
 * <p>An endpoint whose handler never blocks ({@link #deferred}) runs it on the I/O thread, which
 * writes the answer when the handler's work is done, and takes no worker thread at all.
 *
 * <p>An endpoint {@linkplain #on(Bulkhead) on a bulkhead} runs its handler on the bulkhead's threads
 * instead of the server's workers, and is answered {@code 503 service_unavailable} with
 * {@code Retry-After} when the bulkhead cannot start it in time.
 */
public final class JsonEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonEndpoint.class);

    /** Null when the endpoint's handler is {@link #deferred}. */
    private final ApiHandler handler;
    /** Null when the endpoint's handler is an {@link ApiHandler}. */
    private final DeferredApiHandler deferred;

    private final AuthenticateUseCase authentication;
    private final Limits limits;
    private final boolean takesBody;
    /** Null: the handler runs on the server's worker threads. */
    private final Bulkhead bulkhead;

    private final SessionCookie cookie;

    private JsonEndpoint(
            ApiHandler handler,
            DeferredApiHandler deferred,
            AuthenticateUseCase authentication,
            Limits limits,
            boolean takesBody,
            Bulkhead bulkhead,
            SessionCookie cookie) {
        if ((handler == null) == (deferred == null)) {
            throw new IllegalArgumentException("an endpoint has one handler");
        }
        this.handler = handler;
        this.deferred = deferred;
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.takesBody = takesBody;
        this.bulkhead = bulkhead;
        this.cookie = Objects.requireNonNull(cookie, "cookie");
    }

    /** An endpoint whose request carries no body (a body sent anyway is received within the limits and dropped). */
    public static JsonEndpoint withoutBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return withoutBody(handler, authentication, limits, SessionCookie.NONE);
    }

    /** An endpoint whose request carries no body, whose session may also come in {@code cookie}. */
    public static JsonEndpoint withoutBody(
            ApiHandler handler, AuthenticateUseCase authentication, Limits limits, SessionCookie cookie) {
        return new JsonEndpoint(handler, null, authentication, limits, false, null, cookie);
    }

    /**
     * An endpoint whose request carries no body and whose handler never blocks: it runs on the I/O
     * thread, and the answer is written there when the handler's stage completes.
     */
    public static JsonEndpoint deferred(
            DeferredApiHandler handler, AuthenticateUseCase authentication, Limits limits, SessionCookie cookie) {
        return new JsonEndpoint(
                null, Objects.requireNonNull(handler, "handler"), authentication, limits, false, null, cookie);
    }

    /** An endpoint whose request carries a JSON object. */
    public static JsonEndpoint withBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return withBody(handler, authentication, limits, SessionCookie.NONE);
    }

    /** An endpoint whose request carries a JSON object, whose session may also come in {@code cookie}. */
    public static JsonEndpoint withBody(
            ApiHandler handler, AuthenticateUseCase authentication, Limits limits, SessionCookie cookie) {
        return new JsonEndpoint(handler, null, authentication, limits, true, null, cookie);
    }

    /**
     * The same endpoint with its handler run on {@code bulkhead}'s threads rather than the server's
     * workers: for handlers that wait on a password hash, so that however many of them arrive, the
     * workers stay free for every other endpoint. A request the bulkhead cannot start within its
     * wait bound (or at once, when too many wait already) is answered {@code 503
     * service_unavailable} with {@code Retry-After}, and its handler never runs: nothing is done.
     * A request whose connection the server has seen closed by the time it would start is dropped
     * unanswered, also without running its handler (a close is seen when the server reads from the
     * connection, so some run for a client that has gone).
     */
    public JsonEndpoint on(Bulkhead bulkhead) {
        if (handler == null) {
            throw new IllegalStateException("a deferred handler takes no thread of a bulkhead");
        }
        return new JsonEndpoint(
                handler, null, authentication, limits, takesBody, Objects.requireNonNull(bulkhead, "bulkhead"), cookie);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            if (declaredLength(exchange) > limits.maxBodyBytes()) {
                // refused from the headers alone; closing the connection beats draining megabytes to keep it
                exchange.setPersistent(false);
                throw tooLarge();
            }
            if (takesBody
                    && !exchange.isRequestComplete()
                    && !isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
                throw new RequestRefusal(
                        RequestError.UNSUPPORTED_MEDIA_TYPE,
                        "the request body must be JSON sent as Content-Type: application/json");
            }
        } catch (RuntimeException refusal) {
            // answered from here: a flood of refused requests takes no worker thread
            ErrorResponses.send(exchange, refusal);
            return;
        }
        XnioExecutor.Key deadline = exchange.isRequestComplete()
                ? null
                : exchange.getIoThread()
                        .executeAfter(
                                () -> cutOff(exchange), limits.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(limits.maxBodyBytes());
        receiver.receiveFullBytes(
                (received, body) -> {
                    if (deadline == null || deadline.remove()) {
                        if (deferred != null) {
                            respondLater(received, body);
                        } else if (bulkhead == null) {
                            received.dispatch(worker -> respond(worker, body));
                        } else {
                            received.dispatch(
                                    work -> bulkhead.submit(work, () -> refuseBusy(received)),
                                    onBulkhead -> respondIfConnected(onBulkhead, body));
                        }
                    }
                },
                (failed, e) -> ErrorResponses.send(failed, unreadable(failed, e)));
    }

    /**
     * The {@code Content-Length}, -1 when there is none. Undertow's parser lets only digits through,
     * but maybe too many for a {@code long} (its receiver would fail to parse them): that is too large.
     */
    private static long declaredLength(HttpServerExchange exchange) {
        try {
            return exchange.getRequestContentLength();
        } catch (NumberFormatException tooLargeForALong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The body has not all arrived within its time: the connection is closed, and the exchange ended
     * with status 408 (a graceful stop waits for it until then). A body that was refused as too large, and is still
     * being drained, loses its connection too.
     */
    private static void cutOff(HttpServerExchange exchange) {
        if (exchange.isRequestComplete()) {
            return;
        }
        exchange.setPersistent(false);
        if (!exchange.isResponseStarted()) {
            // nobody reads an answer now; the status is what the access log and the metrics record
            exchange.setStatusCode(StatusCodes.REQUEST_TIME_OUT);
        }
        IoUtils.safeClose(exchange.getConnection());
        if (!exchange.isResponseStarted()) {
            Connectors.executeRootHandler(nobodyListens -> {}, exchange);
        }
    }

    /**
     * A body over the limit is {@code payload_too_large}: Undertow then reads what is left of it
     * (up to the server's entity limit, else it closes the connection), so a body just over the limit
     * keeps its connection. Anything else (a broken chunked encoding, a connection gone) is not to be
     * trusted further.
     */
    private RequestRefusal unreadable(HttpServerExchange exchange, IOException failure) {
        if (failure instanceof Receiver.RequestToLargeException
                || failure instanceof RequestTooBigException
                || failure.getCause() instanceof RequestTooBigException) {
            return tooLarge();
        }
        exchange.setPersistent(false);
        return new RequestRefusal(RequestError.BAD_REQUEST, "the request body could not be read", failure);
    }

    /**
     * On a worker thread, with the whole body: the handler, and its answer serialized; the answer is
     * then written on the connection's I/O thread. Written from the worker, the exchange would also
     * end on the worker, and a client that sends its next request on the same connection the moment
     * the answer arrives finds the I/O thread spinning until the worker has finished ending the
     * exchange (Undertow's HttpReadListener waits in a compare-and-set loop); on a machine with few
     * cores and busy workers that wait was the largest cost of a fast request.
     */
    private void respond(HttpServerExchange exchange, byte[] body) {
        HttpHandler answer;
        try {
            answer = success(handler.handle(new ApiRequest(exchange, authentication, body, cookie)));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            answer = failure(exchange, failure);
        }
        exchange.dispatch(exchange.getIoThread(), answer);
    }

    /**
     * On the I/O thread: the deferred handler starts its work, and the exchange waits for it without
     * a thread. The answer is then written on the I/O thread (see {@link #respond} for why), dispatched
     * there from whichever thread completed the work.
     */
    private void respondLater(HttpServerExchange exchange, byte[] body) {
        CompletionStage<?> work;
        try {
            work = deferred.handle(new ApiRequest(exchange, authentication, body, cookie));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            ErrorResponses.send(exchange, failure);
            return;
        }
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> work.whenComplete((result, failure) -> {
                    HttpHandler answer;
                    if (failure != null) {
                        answer = failure(
                                exchange,
                                failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                    } else {
                        try {
                            answer = success(result);
                        } catch (RuntimeException unwritable) {
                            answer = failure(exchange, unwritable);
                        }
                    }
                    exchange.dispatch(exchange.getIoThread(), answer);
                }));
    }

    /** Writes {@code response} as JSON now, to answer it with status 200 on the I/O thread. */
    private static HttpHandler success(Object response) {
        byte[] json = Json.write(response);
        return onIoThread -> Responses.send(onIoThread, 200, json);
    }

    /** The error envelope for {@code failure}, decided now, to answer it on the I/O thread. */
    private static HttpHandler failure(HttpServerExchange exchange, Throwable failure) {
        ErrorResponses.Answer refusal = ErrorResponses.answer(exchange, failure);
        return onIoThread -> ErrorResponses.send(onIoThread, refusal.error(), refusal.message());
    }

    /** On a thread of the bulkhead: the handler, unless the connection was seen closed meanwhile. */
    private void respondIfConnected(HttpServerExchange exchange, byte[] body) {
        if (!exchange.getConnection().isOpen()) {
            LOG.debug(
                    "{} {}: the client left while it waited; not run",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath());
            return;
        }
        respond(exchange, body);
    }

    /**
     * The bulkhead could not start the request in time: {@code 503 service_unavailable}, with
     * {@code Retry-After} the bulkhead's wait bound, written on the connection's I/O thread (this
     * runs on the bulkhead's timer thread, or on the I/O thread when the refusal is at once). The
     * connection is kept: the client may try again on it.
     */
    private void refuseBusy(HttpServerExchange exchange) {
        long retryAfter = bulkhead.settings().retryAfterSeconds();
        exchange.getIoThread()
                .execute(() -> Connectors.executeRootHandler(
                        onIoThread -> {
                            LOG.debug(
                                    "{} {}: refused, no room to start within {}",
                                    onIoThread.getRequestMethod(),
                                    onIoThread.getRequestPath(),
                                    bulkhead.settings().maxWait());
                            onIoThread.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(retryAfter));
                            ErrorResponses.send(
                                    onIoThread,
                                    ErrorTable.of(RequestError.SERVICE_UNAVAILABLE),
                                    "the server is busy with other log-ins and sign-ups; try again in " + retryAfter
                                            + " s");
                        },
                        exchange));
    }

    /**
     * {@code application/json}, with any parameters, as long as a charset, when given, is UTF-8
     * (the only encoding JSON on the wire may use). Undertow matches no media types.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private RequestRefusal tooLarge() {
        return new RequestRefusal(
                RequestError.PAYLOAD_TOO_LARGE, "the request body must be at most " + limits.maxBodyBytes() + " bytes");
    }
}
