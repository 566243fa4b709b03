package guestlist.adapters.rest.http;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
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
 * endpoint has one), the body's size and type (for endpoints that take a body), the handler
 * (on the password pool for the endpoints that hash passwords), then the JSON answer. Any failure
 * on the way goes to {@link ErrorResponses}. It blocks (reads the body, calls use cases), so it
 * must run off the I/O threads: {@link #handleRequest} dispatches itself to a worker thread when
 * it is called on one.
 */
public final class JsonEndpoint implements HttpHandler {

    private final ApiHandler handler;
    private final AuthenticateUseCase authentication;
    private final Limits limits;
    private final boolean takesBody;
    private final Optional<RateLimiter> rateLimiter;
    private final Optional<PasswordWork> passwordWork;

    private JsonEndpoint(ApiHandler handler, AuthenticateUseCase authentication, Limits limits, boolean takesBody,
                         Optional<RateLimiter> rateLimiter, Optional<PasswordWork> passwordWork) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.takesBody = takesBody;
        this.rateLimiter = rateLimiter;
        this.passwordWork = passwordWork;
    }

    /** An endpoint whose request carries no body (a body sent anyway is not read). */
    public static JsonEndpoint withoutBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return new JsonEndpoint(handler, authentication, limits, false, Optional.empty(), Optional.empty());
    }

    /** An endpoint whose request carries a JSON object. */
    public static JsonEndpoint withBody(ApiHandler handler, AuthenticateUseCase authentication, Limits limits) {
        return new JsonEndpoint(handler, authentication, limits, true, Optional.empty(), Optional.empty());
    }

    /** This endpoint, counting its requests against {@code limiter}. */
    public JsonEndpoint rateLimitedBy(RateLimiter limiter) {
        return new JsonEndpoint(handler, authentication, limits, takesBody, Optional.of(limiter), passwordWork);
    }

    /** This endpoint, running its handler on the password pool. */
    public JsonEndpoint hashingPasswordsOn(PasswordWork pool) {
        return new JsonEndpoint(handler, authentication, limits, takesBody, rateLimiter, Optional.of(pool));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            checkRateLimit(exchange);
            byte[] body;
            if (takesBody) {
                body = RequestBodies.readJson(exchange, limits);
            } else {
                RequestBodies.refuseDeclaredOversize(exchange, limits);
                body = new byte[0];
            }
            ApiRequest request = new ApiRequest(exchange, authentication, body);
            Object answer = passwordWork.isPresent()
                    ? passwordWork.get().call(() -> handler.handle(request))
                    : handler.handle(request);
            Responses.ok(exchange, answer);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            ErrorResponses.send(exchange, failure);
        }
    }

    private void checkRateLimit(HttpServerExchange exchange) {
        if (rateLimiter.isEmpty()) {
            return;
        }
        OptionalLong wait = rateLimiter.get().acquire(clientAddress(exchange));
        if (wait.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(wait.getAsLong()));
            throw new GuestlistException(ErrorCode.TOO_MANY_REQUESTS,
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
