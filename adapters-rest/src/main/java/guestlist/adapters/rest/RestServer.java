package guestlist.adapters.rest;

import guestlist.adapters.rest.error.ErrorResponses;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.ClientAddress;
import guestlist.adapters.rest.http.Limits;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.adapters.rest.http.RateLimiter;
import guestlist.adapters.rest.http.RequestObserver;
import guestlist.adapters.rest.http.RequestObservers;
import guestlist.application.UseCases;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guestlist's HTTP API ({@code /api/v4}, the Lemmy API v4 subset of SPEC §3) on Undertow.
 *
 * <p>Use: {@code new RestServer(settings, useCases, rateLimits, version)}, then {@link #start()}; {@link
 * #stop()} (or {@link #close()}) when done. One instance serves one start/stop cycle.
 *
 * <p>Every request's client is resolved once, by {@link ClientAddress} on the settings' trusted
 * proxies, before anything else runs; the rate limits count by it.
 *
 * <p>Limits set on the server: bodies over 64 KiB are refused ({@code 413}) before they are read
 * whole; headers at most 16 KiB and 100 of them; at most 100 query parameters; a request must be
 * parsed within 10 s and its body received within 10 s; idle connections close after 60 s (the
 * timeouts are {@link Limits}). Bodies are received on the I/O threads without waiting for the
 * client; a request takes a worker thread only once its body is complete.
 *
 * <p>The requests that wait on a password hash (register, log-in, password change) run on a {@link
 * Bulkhead} of their own, never on the worker threads: however many of them arrive, every other
 * endpoint keeps its workers. One that cannot start within the bulkhead's wait bound is answered
 * {@code 503 service_unavailable} with {@code Retry-After} and does nothing.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_PARAMETERS = 100;
    /**
     * Undertow's own backstop above the adapter's body limit: it cuts off what nobody reads. It
     * exceeds one read buffer (16 KiB), so the request receiver's exact limit answers first, and a
     * body just over the limit is then drained within it, its connection kept.
     */
    static final int ENTITY_SIZE_SLACK = 32 * 1024;

    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    private final RestSettings settings;
    private final UseCases useCases;
    private final RateLimitStore rateLimits;
    private final String version;
    private final Limits limits;
    private final ClientAddress clientAddress;
    private final RequestObservers observers;
    private final Bulkhead.Settings hashBound;

    private State state = State.NEW;
    private Bulkhead hashBoundRequests;
    private Undertow undertow;
    private GracefulShutdownHandler graceful;
    private int port;
    private List<RateLimiter> limiters = List.of();

    /**
     * @param settings where to listen, the public URL, rate limits, worker threads
     * @param useCases   the application's in-ports; the endpoints call those of HTTP's requests (the
     *                   sweeps and the first admin's setup are bootstrap's to call)
     * @param rateLimits where the rate limits of the settings are counted: shared by every process
     *                   that should count together
     * @param version    the server version that {@code GET /site} reports
     */
    public RestServer(RestSettings settings, UseCases useCases, RateLimitStore rateLimits, String version) {
        this(settings, useCases, rateLimits, version, Limits.DEFAULTS);
    }

    /**
     * A server whose hash-bound requests run on a bulkhead of {@code hashBound}'s size (the other
     * constructors take {@link Bulkhead.Settings#forHashing} with one hashing thread per core).
     */
    public RestServer(
            RestSettings settings,
            Bulkhead.Settings hashBound,
            UseCases useCases,
            RateLimitStore rateLimits,
            String version) {
        this(settings, hashBound, useCases, rateLimits, version, Limits.DEFAULTS);
    }

    RestServer(RestSettings settings, UseCases useCases, RateLimitStore rateLimits, String version, Limits limits) {
        this(
                settings,
                Bulkhead.Settings.forHashing(Runtime.getRuntime().availableProcessors()),
                useCases,
                rateLimits,
                version,
                limits);
    }

    RestServer(
            RestSettings settings,
            Bulkhead.Settings hashBound,
            UseCases useCases,
            RateLimitStore rateLimits,
            String version,
            Limits limits) {
        this.hashBound = Objects.requireNonNull(hashBound, "hashBound");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.version = Objects.requireNonNull(version, "version");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.observers = new RequestObservers(clientAddress);
    }

    /**
     * Tells {@code observer} of every request answered from now on (the access log, the metrics): each
     * with its route, status, error code, duration and {@link ClientAddress client}, never a secret.
     */
    public void observe(RequestObserver observer) {
        observers.add(observer);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws IllegalStateException when started before, or stopped
     * @throws RuntimeException      when the address cannot be bound (Undertow's, wrapping the cause)
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a RestServer starts once; this one is " + state);
        }
        RateLimiter authLimit = new RateLimiter(
                "auth", settings.authRateLimitPerMinute(), rateLimits, clientAddress, limits.maxRateLimitedClients());
        RateLimiter validityLimit = new RateLimiter(
                "validity",
                settings.validityRateLimitPerMinute(),
                rateLimits,
                clientAddress,
                limits.maxRateLimitedClients());
        limiters = List.of(authLimit, validityLimit);
        hashBoundRequests = new Bulkhead("hash-bound", hashBound);
        HttpHandler routes =
                Routes.build(settings, useCases, version, limits, authLimit, validityLimit, hashBoundRequests);
        graceful = new GracefulShutdownHandler(new HttpContinueReadHandler(routes));
        HttpHandler root = exchange -> {
            exchange.addDefaultResponseListener(ErrorResponses.envelopeForBareErrors());
            clientAddress.of(exchange);
            observers.watch(exchange);
            graceful.handleRequest(exchange);
        };
        undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.bindAddress())
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) limits.maxBodyBytes() + ENTITY_SIZE_SLACK)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
                .setServerOption(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, MAX_PARAMETERS)
                .setServerOption(UndertowOptions.MAX_COOKIES, MAX_HEADERS)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        limits.requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        limits.idleTimeout().toMillis())
                .setServerOption(
                        UndertowOptions.IDLE_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int)
                        limits.shutdownGrace().toMillis())
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setHandler(root)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException failure) {
            state = State.STOPPED;
            hashBoundRequests.close();
            throw failure;
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        state = State.STARTED;
        LOG.info("Guestlist API {} listening on {}:{}", version, settings.bindAddress(), port);
    }

    /** The port the server listens on: the one bound when the settings asked for port 0. */
    public synchronized int port() {
        if (state != State.STARTED) {
            throw new IllegalStateException("the server is not running");
        }
        return port;
    }

    /**
     * Stops gracefully: answers new requests with {@code 503 service_unavailable}, waits up to 10 s
     * for the requests in flight, then closes the listener and every connection. Does nothing when not
     * running. Restores the thread's interrupt flag if interrupted while waiting.
     */
    public synchronized void stop() {
        if (state != State.STARTED) {
            state = State.STOPPED;
            return;
        }
        state = State.STOPPED;
        // From here on new requests get 503 service_unavailable (also on kept-alive connections).
        // Undertow's ListenerInfo.suspend() would stop accepting connections, but it also closes the
        // open ones, requests in flight included; so the listener stays open until undertow.stop().
        graceful.shutdown();
        LOG.info("Guestlist API refuses new requests and finishes those in flight");
        try {
            if (!graceful.awaitShutdown(limits.shutdownGrace().toMillis())) {
                LOG.warn("stopping with requests still in flight after {}", limits.shutdownGrace());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        hashBoundRequests.close();
        LOG.info("Guestlist API stopped");
    }

    /**
     * How many clients the rate limiters of this process remember now, all limits together (bounded:
     * see {@link RateLimiter}); for tests and metrics.
     */
    public synchronized int rateLimitedClientsTracked() {
        return limiters.stream().mapToInt(RateLimiter::trackedClients).sum();
    }

    /**
     * The bulkhead of the hash-bound requests (register, log-in, password change), while the
     * server runs: how many run and wait now, how many were refused; for tests and metrics.
     */
    public synchronized Bulkhead hashBoundRequests() {
        if (state != State.STARTED) {
            throw new IllegalStateException("the server is not running");
        }
        return hashBoundRequests;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
