package guestlist.bootstrap.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's limits with the values the real wiring gives it (SPEC §5, adapters-rest README):
 * bodies of at most 64 KiB, a request parsed within 10 s, a body that arrives within 10 s; and a
 * body refused for its size writes nothing. How each limit works (the framings, refusing a declared
 * size before the body comes, cutting off an endless body, headers at most 16 KiB, at most 100
 * headers and query parameters, slow-loris clients of every kind cut off while everyone else is
 * served) is the REST adapter's {@code ServerLimitsTest}, {@code ErrorHandlingTest} and
 * {@code SlowClientsTest}, on short test timeouts. (The 60 s idle timeout is too long for this
 * suite; {@code SlowClientsTest} proves it with a short setting.)
 */
class ServerLimitsEndToEndTest {

    private static final int LIMIT = 64 * 1024;
    private static final Duration PARSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Timers and a loaded machine: how much later than its timeout a connection may close. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    private static TestServer server;
    private static Harness harness;
    private static RawClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        harness = new Harness(server, "lim");
        client = new RawClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bodyOfSixtyFourKibibytesIsReadAndOneByteMoreIsTooLargeAndWritesNothing() {
        String admin = harness.adminToken();
        assertThat(client.json("PUT", "/api/v4/site", admin, padded("{}", LIMIT))
                        .status())
                .isEqualTo(200);
        List<String> before = StoredState.of(server);

        Response refused = client.json("PUT", "/api/v4/site", admin, padded("{\"name\":\"Oversized\"}", LIMIT + 1));

        assertThat(refused.status()).as("%s", refused).isEqualTo(413);
        assertThat(refused.isEnvelope()).isTrue();
        assertThat(refused.error()).isEqualTo("payload_too_large");
        assertThat(StoredState.of(server))
                .as("a body refused for its size writes nothing")
                .isEqualTo(before);
    }

    @Test
    void slowClientsAreCutOffAfterTheRealParseAndBodyTimeouts() throws Exception {
        // a request line, one byte per second; headers, and then never the body they announce
        CompletableFuture<Optional<Duration>> requestLine =
                CompletableFuture.supplyAsync(() -> heldOpen("", "GET /api/v4/health HTTP/1.1\r\nHost: x\r\n\r\n"));
        CompletableFuture<Optional<Duration>> body = CompletableFuture.supplyAsync(() -> heldOpen(
                "POST /api/v4/account/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n",
                ""));

        assertClosedAfter(requestLine.get(), PARSE_TIMEOUT);
        assertClosedAfter(body.get(), BODY_TIMEOUT);
        assertThat(harness.api().get("/health", null).status()).isEqualTo(200);
    }

    /** Sends {@code start} at once and then {@code trickle} a byte a second: how long the server kept the connection. */
    private static Optional<Duration> heldOpen(String start, String trickle) {
        try (RawClient.Connection connection = client.open()) {
            assertThat(connection.trySend(start)).isTrue();
            return connection.trickleUntilClosed(
                    trickle, Duration.ofSeconds(1), PARSE_TIMEOUT.plus(SLACK).plusSeconds(2));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static void assertClosedAfter(Optional<Duration> held, Duration timeout) {
        assertThat(held).as("the server closed the connection").isPresent();
        assertThat(held.get())
                .as("held open")
                .isGreaterThanOrEqualTo(timeout.minusMillis(500))
                .isLessThan(timeout.plus(SLACK));
    }

    /** {@code json} followed by spaces up to {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] start = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }
}
