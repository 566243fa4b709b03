package guestlist.bootstrap.metrics;

import guestlist.bootstrap.StartupFailure;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port of SPEC §8 ({@code GUESTLIST_MANAGEMENT_PORT}, default 9536, on {@code
 * GUESTLIST_MANAGEMENT_BIND_ADDRESS}, default 127.0.0.1): {@code GET /metrics} answers the metrics in
 * Prometheus' text format; anything else is a plain 404 (or 405 on {@code /metrics}). Port 0 turns
 * it off.
 *
 * <p>A small Undertow listener of its own (one I/O thread, two workers) rather than a route of the
 * API's server: it listens on another address and port, which may be reachable by the monitoring
 * system only; it is answered even while the API's workers are all busy, or while the API drains
 * its requests at a stop; and none of the API's machinery (rate limits, sessions, the JSON error
 * envelope) applies to it. It lives in bootstrap, beside the registry it serves, so that the REST
 * adapter knows nothing of metrics.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    static final String PATH = "/metrics";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final String bindAddress;
    private final int port;
    private final Supplier<String> scrape;
    private Undertow undertow;
    private int boundPort;

    /**
     * @param port   0 = off: {@link #start()} does nothing
     * @param scrape the text to answer {@code GET /metrics} with ({@link Metrics#scrape()})
     */
    public ManagementServer(String bindAddress, int port, Supplier<String> scrape) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.port = port;
        this.scrape = Objects.requireNonNull(scrape, "scrape");
    }

    /**
     * Listens, unless the port is 0.
     *
     * @throws StartupFailure naming {@code GUESTLIST_MANAGEMENT_PORT} when the address cannot be bound
     */
    public synchronized void start() {
        if (port == 0 || undertow != null) {
            return;
        }
        Undertow server = Undertow.builder()
                .addHttpListener(port, bindAddress)
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 8 * 1024)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, 60_000)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setHandler(new BlockingHandler(this::handle))
                .build();
        try {
            server.start();
        } catch (RuntimeException failed) {
            throw new StartupFailure(
                    StartupFailure.EXIT_FAILED,
                    "GUESTLIST_MANAGEMENT_PORT: cannot listen on " + bindAddress + ":" + port + ": "
                            + rootMessage(failed));
        }
        undertow = server;
        boundPort = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("metrics on http://{}:{}{}", bindAddress, boundPort, PATH);
    }

    /** The port it listens on; empty when off or not started. */
    public synchronized OptionalInt port() {
        return undertow == null ? OptionalInt.empty() : OptionalInt.of(boundPort);
    }

    private void handle(HttpServerExchange exchange) {
        if (!PATH.equals(exchange.getRequestPath())) {
            send(exchange, StatusCodes.NOT_FOUND, TEXT, "not found: the management port serves GET " + PATH + "\n");
            return;
        }
        HttpString method = exchange.getRequestMethod();
        if (!Methods.GET.equals(method) && !Methods.HEAD.equals(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            send(exchange, StatusCodes.METHOD_NOT_ALLOWED, TEXT, PATH + " allows GET and HEAD\n");
            return;
        }
        send(exchange, StatusCodes.OK, Metrics.CONTENT_TYPE, scrape.get());
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Stops listening; does nothing when not listening. */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }
}
