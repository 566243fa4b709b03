package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link RequestObserver}s of a server about each request it answered: {@link #watch}
 * marks the request's start and, when its answer has ended, hands every observer a {@link
 * CompletedRequest}. With no observer, watching costs nothing.
 */
public final class RequestObservers {

    /** The route of a request that no endpoint took: an unknown path, or a method its path does not have. */
    public static final String UNMATCHED = "unmatched";

    private static final Logger LOG = LoggerFactory.getLogger(RequestObservers.class);
    private static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);

    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();
    private final ClientAddress clientAddress;

    public RequestObservers(ClientAddress clientAddress) {
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** {@code endpoint}, marking the requests it takes as the route {@code route} (a path without parameters). */
    public static HttpHandler routed(String route, HttpHandler endpoint) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(endpoint, "endpoint");
        return exchange -> {
            exchange.putAttachment(ROUTE, route);
            endpoint.handleRequest(exchange);
        };
    }

    public void add(RequestObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Called first thing for every request: its clock starts now. */
    public void watch(HttpServerExchange exchange) {
        if (observers.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        exchange.addExchangeCompleteListener((done, next) -> {
            try {
                report(done, Duration.ofNanos(System.nanoTime() - started));
            } finally {
                next.proceed();
            }
        });
    }

    private void report(HttpServerExchange exchange, Duration duration) {
        String route = exchange.getAttachment(ROUTE);
        CompletedRequest request = new CompletedRequest(
                exchange.getRequestMethod().toString(),
                route == null ? UNMATCHED : route,
                LoggedTarget.of(exchange.getRequestURI(), exchange.getQueryString()),
                exchange.getStatusCode(),
                ErrorResponses.codeOf(exchange),
                duration,
                clientAddress.of(exchange));
        for (RequestObserver observer : observers) {
            try {
                observer.completed(request);
            } catch (RuntimeException failed) {
                LOG.warn(
                        "a request observer failed on {} {}: {}", request.method(), request.route(), failed.toString());
            }
        }
    }
}
