package guestlist.adapters.rest.http;

import guestlist.application.port.in.AuthenticateUseCase;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The glue between Undertow and one {@link ApiHandler}, in this order: the rate limit (when the
 * endpoint has one) and the checks that need only the headers (declared size, media type), then the
 * body (for endpoints that take one it must be JSON, for the others it is read within the same
 * limits and dropped), the handler, then the JSON answer. Any failure on the way goes to
 * {@link ErrorResponses}. The checks and the body run on the I/O thread without ever waiting for
 * the client: the body is taken as it arrives, so a client that sends slowly holds no thread. Only
 * once the whole body is there does the handler (which blocks: it calls use cases) run on a worker
 * thread.
 */
public final class JsonEndpoint implements HttpHandler {

    private final ApiHandler handler;
    private final AuthenticateUseCase authentication;
    private final Limits limits;
    private final boolean takesBody;
    private final Optional<RateLimiter> rateLimiter;

    private JsonEndpoint(ApiHandler handler, AuthenticateUseCase authentication, Limits limits, boolean takesBody,
                         Optional<RateLimiter> rateLimiter) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.takesBody = takesBody;
        this.rateLimiter = rateLimiter;
    }

    /** An endpoint whose request carries no body (a body sent anyway is not read). */
    public static JsonEndpoint withoutBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return new JsonEndpoint(handler, authentication, limits, false, Optional.empty());
    }

    /** An endpoint whose request carries a JSON object. */
    public static JsonEndpoint withBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return new JsonEndpoint(handler, authentication, limits, true, Optional.empty());
    }

    /** This endpoint, counting its requests against {@code limiter}. */
    public JsonEndpoint rateLimitedBy(RateLimiter limiter) {
        return new JsonEndpoint(handler, authentication, limits, takesBody, Optional.of(limiter));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            checkRateLimit(exchange);
            RequestBodies.refuseDeclaredOversize(exchange, limits);
            if (takesBody) {
                RequestBodies.refuseNonJson(exchange);
            }
        } catch (RuntimeException refusal) {
            // answered from here: a flood of refused requests takes no worker thread
            ErrorResponses.send(exchange, refusal);
            return;
        }
        RequestBodies.receive(exchange, limits, takesBody,
                (received, body) -> received.dispatch(worker -> respond(worker, body)));
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
            byte[] json = Json.write(handler.handle(new ApiRequest(exchange, authentication, body)));
            answer = onIoThread -> Responses.send(onIoThread, 200, json);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            ErrorResponses.Answer refusal = ErrorResponses.answer(exchange, failure);
            answer = onIoThread -> ErrorResponses.send(onIoThread, refusal.error(), refusal.message());
        }
        exchange.dispatch(exchange.getIoThread(), answer);
    }

    private void checkRateLimit(HttpServerExchange exchange) {
        if (rateLimiter.isEmpty()) {
            return;
        }
        OptionalLong wait = rateLimiter.get().acquire(clientAddress(exchange));
        if (wait.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(wait.getAsLong()));
            throw new RequestRefusal(RequestError.TOO_MANY_REQUESTS,
                    "too many requests from your address; try again in " + wait.getAsLong() + " seconds");
        }
    }

    private static InetAddress clientAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null
                ? InetAddress.getLoopbackAddress()
                : source.getAddress();
    }
}
