package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.Limits;
import guestlist.testsupport.HttpApi.Answer;
import guestlist.testsupport.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris clients (a request line or headers sent a byte at a time, headers without the body
 * they announce, connections that send nothing) are cut off by the server's timeouts, and while
 * many of them are connected, other clients are served at once. The server runs with short
 * timeouts and fewer worker threads than there are slow clients.
 */
class SlowClientsTest {

    private static final Duration PARSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1_500);
    private static final Limits QUICK =
            new Limits(64 * 1024, BODY_TIMEOUT, Duration.ofSeconds(5), 1_000, PARSE_TIMEOUT, IDLE_TIMEOUT);
    private static final int WORKER_THREADS = 4;
    /** Timers fire late on a busy machine: how much later than its timeout a connection may close. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private static final String REQUEST_LINE = "GET /api/v4/health HTTP/1.1\r\n";
    private static final String HEADERS = "Host: localhost\r\nUser-Agent: slow\r\nAccept: application/json\r\n\r\n";
    private static final String LOGIN_HEADERS = "POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(new RestSettings("127.0.0.1", 0, TestApi.PUBLIC_URL, 0, 0, WORKER_THREADS), u -> u, QUICK);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertClosedAfter(Optional<Duration> held, Duration timeout) {
        assertThat(held).as("the server closed the connection").isPresent();
        assertThat(held.get())
                .as("held open")
                .isGreaterThanOrEqualTo(timeout.minusMillis(100))
                .isLessThan(timeout.plus(SLACK));
    }

    @Test
    void requestLineSentByteByByteIsCutOffAfterTheParseTimeout() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            Optional<Duration> held =
                    client.trickleUntilClosed(REQUEST_LINE + HEADERS, Duration.ofMillis(200), Duration.ofSeconds(10));

            assertClosedAfter(held, PARSE_TIMEOUT);
        }
    }

    @Test
    void headersSentByteByByteAreCutOffAfterTheParseTimeoutCountedFromTheirFirstByte() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            assertThat(client.trySend(REQUEST_LINE)).isTrue();

            Optional<Duration> held =
                    client.trickleUntilClosed(HEADERS, Duration.ofMillis(100), Duration.ofSeconds(10));

            assertClosedAfter(held, PARSE_TIMEOUT);
        }
    }

    @Test
    void bodyThatNeverComesIsCutOffAfterTheBodyTimeout() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            assertThat(client.trySend(LOGIN_HEADERS + "{\"user")).isTrue();

            assertClosedAfter(client.awaitClose(Duration.ofSeconds(10)), BODY_TIMEOUT);
        }
    }

    @Test
    void bodySentByteByByteIsCutOffAfterTheBodyTimeout() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            assertThat(client.trySend(LOGIN_HEADERS)).isTrue();

            Optional<Duration> held = client.trickleUntilClosed(
                    "{\"username_or_email\":\"a\",\"password\":\"b\"}" + " ".repeat(58),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(10));

            assertClosedAfter(held, BODY_TIMEOUT);
        }
    }

    @Test
    void chunkedBodyThatStopsHalfwayIsCutOffAfterTheBodyTimeout() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            assertThat(client.trySend(
                            "PUT /api/v4/site HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\n"))
                    .isTrue();

            assertClosedAfter(client.awaitClose(Duration.ofSeconds(10)), BODY_TIMEOUT);
        }
    }

    @Test
    void connectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws IOException {
        try (RawClient.Connection client = RawClient.connect(api.port())) {
            assertClosedAfter(client.awaitClose(Duration.ofSeconds(10)), IDLE_TIMEOUT);
        }
    }

    @Test
    void keptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(REQUEST_LINE + HEADERS);
            assertThat(raw.read().status()).isEqualTo(200);
            long answeredAt = System.nanoTime();

            assertThat(raw.closedByServer())
                    .as("closed within the read timeout of 10 s")
                    .isTrue();

            assertThat(Duration.ofNanos(System.nanoTime() - answeredAt))
                    .isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100))
                    .isLessThan(IDLE_TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void fiftySlowClientsHoldNoWorkerAndOthersAreServedAtOnce() throws IOException {
        List<RawClient.Connection> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                RawClient.Connection client = RawClient.connect(api.port());
                slow.add(client);
                String start = switch (i % 5) {
                    case 0 -> REQUEST_LINE.substring(0, 10);
                    case 1 -> REQUEST_LINE + "Host: local";
                    case 2 -> LOGIN_HEADERS;
                    case 3 -> LOGIN_HEADERS + "{\"username_or_email\":";
                    default -> "GET /api/v4/site HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n";
                };
                assertThat(client.trySend(start)).isTrue();
            }
            // every slow request that could take a worker has taken one by now
            sleep(Duration.ofMillis(300));

            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                Answer health = api.get("/health", null);
                Answer login = api.send(
                        "POST",
                        "/account/auth/login",
                        "{\"username_or_email\":\"nobody\",\"password\":\"whatever123\"}",
                        null);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(health.status()).isEqualTo(200);
                assertThat(login.status()).isEqualTo(401);
                assertThat(took)
                        .as("two requests while 50 slow clients are connected")
                        .isLessThan(Duration.ofMillis(1_500));
            }

            for (RawClient.Connection client : slow) {
                assertThat(client.awaitClose(BODY_TIMEOUT.plus(SLACK).plus(SLACK)))
                        .as("every slow client is cut off")
                        .isPresent();
            }
        } finally {
            for (RawClient.Connection client : slow) {
                client.close();
            }
        }
    }

    @Test
    void aBodyCutOffByItsTimeoutDoesNotDelayAGracefulStop() throws IOException {
        TestApi own = TestApi.start(
                new RestSettings("127.0.0.1", 0, TestApi.PUBLIC_URL, 0, 0, WORKER_THREADS), u -> u, QUICK);
        try (RawClient.Connection client = RawClient.connect(own.port())) {
            assertThat(client.trySend(LOGIN_HEADERS)).isTrue();
            assertThat(client.awaitClose(Duration.ofSeconds(10))).isPresent();
        } finally {
            long started = System.nanoTime();
            own.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("stop does not wait its 5 s grace for the request that was cut off")
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
