package guestlist.adapters.rest.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the server has answered, as its {@link RequestObserver}s see it. It holds nothing secret:
 * no header, no body, and the query string only with its values redacted ({@link LoggedTarget}).
 *
 * @param method    the request's method as sent (Undertow's parser lets only an HTTP token through)
 * @param route     the endpoint's path, e.g. {@code /api/v4/account/auth/register}, or {@link
 *                  RequestObservers#UNMATCHED} when no endpoint took the request (unknown path, or a
 *                  method the path does not have)
 * @param target    the path and query as sent, with every query value but those of the API's
 *                  non-secret parameters replaced by {@code ***} ({@link LoggedTarget})
 * @param status    the HTTP status answered
 * @param errorCode the error code of SPEC §3 that an error answer carried, if it was one
 * @param duration  from the server's first look at the request (its headers read) to the end of the answer
 * @param client    who sent it, as {@link ClientAddress} decides (trusted proxies)
 */
public record CompletedRequest(
        String method,
        String route,
        String target,
        int status,
        Optional<String> errorCode,
        Duration duration,
        InetAddress client) {

    public CompletedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(client, "client");
    }
}
