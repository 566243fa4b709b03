package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits the server sets on what a client may send beyond the body: header size and count,
 * query parameter count, and the HTTP framing of bodies (100-continue, chunked encoding).
 */
class ServerLimitsTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String get(String pathAndQuery, String extraHeaders) {
        return "GET /api/v4" + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n";
    }

    private static String query(int parameters) {
        return IntStream.range(0, parameters)
                .mapToObj(i -> "p" + i + "=" + i)
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String headers(int count, int valueLength) {
        return IntStream.range(0, count)
                .mapToObj(i -> "X-Filler-" + i + ": " + "v".repeat(valueLength) + "\r\n")
                .collect(Collectors.joining());
    }

    /** Sends one raw request and reads its answer; asserts the server is still healthy afterwards. */
    private static RawClient.Response exchange(String request) throws IOException {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(request);
            return raw.read();
        } finally {
            assertThat(api.get("/health", null).status()).isEqualTo(200);
        }
    }

    private static void assertRefusedWhileParsing(String request) throws IOException {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(request);
            RawClient.Response response = raw.read();
            assertThat(response.status()).as(response.head()).isEqualTo(400);
            assertThat(raw.closedByServer())
                    .as("the connection is closed after the refusal")
                    .isTrue();
        }
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void headersUpToTheirSizeLimitAreAccepted() throws IOException {
        // 15 headers of 1,000 characters: about 15 KiB of the 16 KiB allowed
        assertThat(exchange(get("/health", headers(15, 1_000))).status()).isEqualTo(200);
    }

    @Test
    void headersOverTheirSizeLimitAreRefused() throws IOException {
        assertRefusedWhileParsing(get("/health", headers(1, RestServer.MAX_HEADER_BYTES + 1)));
        assertRefusedWhileParsing(get("/health", headers(20, 1_000)));
    }

    @Test
    void aHundredHeadersAreAcceptedAndMoreAreRefused() throws IOException {
        // Host is one of them
        assertThat(exchange(get("/health", headers(RestServer.MAX_HEADERS - 1, 1)))
                        .status())
                .isEqualTo(200);

        assertRefusedWhileParsing(get("/health", headers(RestServer.MAX_HEADERS, 1)));
    }

    @Test
    void aHundredQueryParametersAreAcceptedAndMoreAreRefused() throws IOException {
        assertThat(exchange(get("/site" + query(RestServer.MAX_PARAMETERS), "")).status())
                .isEqualTo(200);

        assertRefusedWhileParsing(get("/site" + query(RestServer.MAX_PARAMETERS + 1), ""));
    }

    @Test
    void requestLineOverTheHeaderLimitIsRefused() throws IOException {
        assertRefusedWhileParsing(get("/site?x=" + "a".repeat(RestServer.MAX_HEADER_BYTES + 1), ""));
    }

    @Test
    void expectContinueIsAnsweredAndTheBodyThenRead() throws IOException {
        byte[] body =
                "{\"username_or_email\":\"nobody_here\",\"password\":\"whatever123\"}".getBytes(StandardCharsets.UTF_8);
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(
                    "POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");

            RawClient.Response proceed = raw.read();
            assertThat(proceed.status()).isEqualTo(100);
            raw.write(body);
            RawClient.Response answer = raw.read();

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.text()).contains("\"error\":\"incorrect_login\"");
        }
    }

    /**
     * A request whose framing cannot be trusted ends its connection: with a 4xx, or (when Undertow's
     * own parser gives up on it) with no answer at all. Never a 5xx, and the server serves on.
     */
    private static void assertCutOff(String request) throws IOException {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(request);
            try {
                RawClient.Response response = raw.read();
                assertThat(response.status()).as(request).isBetween(400, 499);
            } catch (IOException closedWithoutAnswer) {
                assertThat(closedWithoutAnswer.getMessage()).as(request).contains("connection closed after 0 bytes");
            }
            assertThat(raw.closedByServer())
                    .as("the connection cannot be trusted after %s", request)
                    .isTrue();
        }
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void brokenChunkedEncodingEndsTheConnection() throws IOException {
        String head = "POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String chunks : new String[] {
            "zz\r\n{}\r\n0\r\n\r\n",
            "2\r\n{}XX0\r\n\r\n",
            "-5\r\n{}\r\n0\r\n\r\n",
            "fffffffffffffffffff\r\n{}\r\n0\r\n\r\n"
        }) {
            assertCutOff(head + chunks);
        }
    }

    @Test
    void contentLengthThatIsNoNumberOrTwiceIsRefusedWhileParsing() throws IOException {
        String post =
                "POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
        for (String framing : new String[] {
            "Content-Length: abc\r\n", "Content-Length: -1\r\n", "Content-Length: 2\r\nContent-Length: 3\r\n"
        }) {
            assertRefusedWhileParsing(post + framing + "\r\n{}");
        }
        assertCutOff(post + "Transfer-Encoding: gzip\r\n\r\n{}");
    }

    @Test
    void contentLengthTooLargeForALongIsPayloadTooLarge() throws IOException {
        try (RawClient.Connection raw = RawClient.connect(api.port())) {
            raw.write(
                    "POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 99999999999999999999999\r\n\r\n{}");

            RawClient.Response response = raw.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("\"error\":\"payload_too_large\"");
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
