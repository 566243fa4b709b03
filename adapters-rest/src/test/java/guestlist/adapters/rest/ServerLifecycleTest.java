package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.http.InMemoryRateLimitStore;
import guestlist.adapters.rest.http.Limits;
import guestlist.application.port.in.SiteView;
import guestlist.testsupport.HttpApi.Answer;
import guestlist.testsupport.RawClient;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

    @Test
    void portZeroBindsAFreePortThatPortTells() {
        try (TestApi api = TestApi.start()) {
            assertThat(api.port()).isBetween(1, 65_535);
            assertThat(api.get("/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aServerStartsOnlyOnce() {
        try (TestApi api = TestApi.start()) {
            assertThatThrownBy(api.server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void portOfAStoppedServerIsRefused() {
        TestApi api = TestApi.start();
        api.close();

        assertThatThrownBy(api.server::port).isInstanceOf(IllegalStateException.class);
        api.close();
    }

    @Test
    void aBusyPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RestServer server = new RestServer(
                    new RestSettings("127.0.0.1", taken.getLocalPort(), TestApi.PUBLIC_URL, 0, 0, 2),
                    new guestlist.application.inmemory.InMemoryApplication().useCases(),
                    new InMemoryRateLimitStore(),
                    "v");

            assertThatThrownBy(server::start).isInstanceOf(RuntimeException.class);
            server.stop();
        }
    }

    @Test
    void stopLetsARequestInFlightFinishThenRefusesConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<TestApi> holder = new AtomicReference<>();
        TestApi api = TestApi.start(
                TestApi.settings(0, 0),
                TestApi.withGetSite(() -> {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return holder.get().app.useCases().getSite().getSite();
                }),
                TestApi.TEST_LIMITS);
        holder.set(api);
        int port = api.port();
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> api.get("/site", null));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
        Thread.sleep(300);
        assertThat(stopping).as("stop waits for the request in flight").isNotDone();
        release.countDown();

        Answer finished = inFlight.get(10, TimeUnit.SECONDS);
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.text()).contains("site_view");
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void newRequestsDuringShutdownGetTheServiceUnavailableEnvelope() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<TestApi> holder = new AtomicReference<>();
        TestApi api = TestApi.start(
                TestApi.settings(0, 0),
                TestApi.withGetSite(() -> {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    SiteView view = holder.get().app.useCases().getSite().getSite();
                    return view;
                }),
                TestApi.TEST_LIMITS);
        holder.set(api);
        try (RawClient.Connection keptAlive = RawClient.connect(api.port())) {
            keptAlive.write("GET /api/v4/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(keptAlive.read().status()).isEqualTo(200);
            CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> api.get("/site", null));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
            Thread.sleep(300);

            keptAlive.write("GET /api/v4/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawClient.Response refused = keptAlive.read();

            release.countDown();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.hasHeader("Content-Type", "application/json")).isTrue();
            assertThat(refused.text()).contains("\"error\":\"service_unavailable\"");
            assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            stopping.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBodySentTooSlowlyLosesTheConnection() throws Exception {
        Limits quick = new Limits(64 * 1024, Duration.ofMillis(500), Duration.ofSeconds(5), 100);
        try (TestApi api = TestApi.start(TestApi.settings(0, 0), u -> u, quick);
                RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user");
            long started = System.nanoTime();

            boolean closed = raw.closedByServer();

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            Answer stillServing = api.get("/health", null);
            assertThat(stillServing.status()).isEqualTo(200);
        }
    }
}
