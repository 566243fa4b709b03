package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.HttpApi.Answer;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xnio.XnioIoThread;

/**
 * Where an endpoint's work happens: the handler on a worker thread (it blocks on use cases), the
 * answer written, and the exchange ended, on the connection's I/O thread, for answers and refusals
 * alike (see {@link JsonEndpoint}).
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

    private void serve(ApiHandler handler) {
        JsonEndpoint endpoint = JsonEndpoint.withoutBody(
                handler,
                token -> {
                    throw new UseCaseFailure(UseCaseFailure.Reason.NOT_LOGGED_IN, "no sessions here");
                },
                Limits.DEFAULTS);
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
