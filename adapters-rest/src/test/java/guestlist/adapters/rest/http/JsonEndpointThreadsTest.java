package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xnio.XnioIoThread;

/**
 * Where an endpoint's work happens: the handler on a worker thread (it blocks on use cases), or a
 * deferred handler on the I/O thread (it never blocks); the answer written, and the exchange ended,
 * on the connection's I/O thread, for answers and refusals alike (see {@link JsonEndpoint}).
 */
class JsonEndpointThreadsTest {

    private final List<Thread> handledOn = new CopyOnWriteArrayList<>();
    private final List<Thread> endedOn = new CopyOnWriteArrayList<>();
    private Undertow server;
    private HttpApi client;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void handlerRunsOnAWorkerAndTheAnswerEndsOnTheIoThread() throws Exception {
        serve(request -> {
            handledOn.add(Thread.currentThread());
            return Map.of("ok", true);
        });

        for (int i = 0; i < 20; i++) {
            Answer answer = get();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("{\"ok\":true}");
        }

        assertThat(handledOn).hasSize(20).noneMatch(thread -> thread instanceof XnioIoThread);
        awaitEnded(20);
        assertThat(endedOn).hasSize(20).allMatch(thread -> thread instanceof XnioIoThread);
    }

    @Test
    void refusalsAndFailuresAlsoEndOnTheIoThread() throws Exception {
        serve(request -> {
            handledOn.add(Thread.currentThread());
            if (handledOn.size() % 2 == 0) {
                throw new Refusal(Rule.ADMIN_ONLY, "only admins");
            }
            throw new IllegalStateException("a bug");
        });

        Answer failure = get();
        Answer refusal = get();

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.text())
                .startsWith("{\"error\":\"unknown\",\"message\":\"internal error; it was logged with id ");
        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.text()).isEqualTo("{\"error\":\"not_an_admin\",\"message\":\"only admins\"}");
        assertThat(handledOn).hasSize(2).noneMatch(thread -> thread instanceof XnioIoThread);
        awaitEnded(2);
        assertThat(endedOn).hasSize(2).allMatch(thread -> thread instanceof XnioIoThread);
    }

    @Test
    void aDeferredHandlerRunsOnTheIoThreadAndItsAnswerFromAnotherThreadEndsOnTheIoThread() throws Exception {
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        try {
            serveDeferred(request -> {
                handledOn.add(Thread.currentThread());
                String name = request.query().required("name");
                return CompletableFuture.supplyAsync(() -> Map.of("hello", name), elsewhere);
            });

            for (int i = 0; i < 20; i++) {
                Answer answer = client.get("/?name=n" + i, null);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.text()).isEqualTo("{\"hello\":\"n" + i + "\"}");
            }
        } finally {
            elsewhere.shutdownNow();
        }

        assertThat(handledOn).hasSize(20).allMatch(thread -> thread instanceof XnioIoThread);
        awaitEnded(20);
        assertThat(endedOn).hasSize(20).allMatch(thread -> thread instanceof XnioIoThread);
    }

    @Test
    void aDeferredHandlersFailuresThrownOrLaterGetTheEnvelope() throws Exception {
        serveDeferred(request -> {
            String kind = request.query().required("kind");
            return switch (kind) {
                case "late" -> CompletableFuture.failedFuture(new Unavailable("the store is down"));
                case "late-wrapped" ->
                    CompletableFuture.completedFuture("x").thenApply(x -> {
                        throw new Refusal(Rule.ADMIN_ONLY, "only admins");
                    });
                default -> throw new Refusal(Rule.ADMIN_ONLY, "refused at once");
            };
        });

        Answer missing = client.get("/", null);
        Answer late = client.get("/?kind=late", null);
        Answer wrapped = client.get("/?kind=late-wrapped", null);
        Answer atOnce = client.get("/?kind=now", null);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text()).startsWith("{\"error\":\"bad_request\"").contains("kind");
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.text()).startsWith("{\"error\":\"service_unavailable\"");
        assertThat(wrapped.status()).isEqualTo(403);
        assertThat(wrapped.text()).isEqualTo("{\"error\":\"not_an_admin\",\"message\":\"only admins\"}");
        assertThat(atOnce.status()).isEqualTo(403);
        assertThat(atOnce.text()).isEqualTo("{\"error\":\"not_an_admin\",\"message\":\"refused at once\"}");
        awaitEnded(4);
        assertThat(endedOn).hasSize(4).allMatch(thread -> thread instanceof XnioIoThread);
    }

    private void serve(ApiHandler handler) {
        serve(JsonEndpoint.withoutBody(handler, NO_SESSIONS, Limits.DEFAULTS));
    }

    private void serveDeferred(DeferredApiHandler handler) {
        serve(JsonEndpoint.deferred(handler, NO_SESSIONS, Limits.DEFAULTS, SessionCookie.NONE));
    }

    private static final AuthenticateUseCase NO_SESSIONS = token -> {
        throw new UseCaseFailure(UseCaseFailure.Reason.NOT_LOGGED_IN, "no sessions here");
    };

    private void serve(JsonEndpoint endpoint) {
        HttpHandler recording = exchange -> {
            exchange.addExchangeCompleteListener((ended, next) -> {
                endedOn.add(Thread.currentThread());
                next.proceed();
            });
            endpoint.handleRequest(exchange);
        };
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(recording)
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        client = new HttpApi("http://127.0.0.1:" + port);
    }

    /** The client may read the answer a moment before the server has finished ending the exchange. */
    private void awaitEnded(int exchanges) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (endedOn.size() < exchanges && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private Answer get() {
        return client.get("/", null);
    }
}
