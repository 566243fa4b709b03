package guestlist.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: any bytes as body or
 * request line, duplicate or malformed headers, a {@code Content-Length} the body does not match,
 * hand-made chunked bodies, a request sent a byte at a time, and a source address of the test's
 * choosing (the whole 127.0.0.0/8 is loopback on Linux, so 127.0.0.2 is another client to a
 * per-address rate limit).
 *
 * <p>Two ways to use it: {@link #send} and its kin send one request on a connection of its own
 * ({@code Connection: close}) and read everything until the server closes it; {@link #open} gives a
 * {@link Connection} the test drives itself, to keep it alive over several requests, send a request
 * in pieces or slowly, and see when the server closes it.
 *
 * <p>An answer of the API that {@link #send} and its kin receive, and that says it is JSON, is
 * checked against the API's OpenAPI document as {@link HttpApi} checks its answers (see
 * {@link ApiContract}); so is a request they sent that the server accepted, as far as its framing
 * is the client's own. What Undertow's parser answers with a bare status and no JSON (a request it
 * cannot parse), and what a {@link Connection} reads, are transport the document does not speak of.
 */
public final class RawClient {

    private final int port;
    private final InetAddress source;

    public RawClient(int port) {
        this(port, null);
    }

    /** @param source the local address to send from, e.g. 127.0.0.2 ({@code null}: the system's choice) */
    public RawClient(int port, InetAddress source) {
        this.port = port;
        this.source = source;
    }

    /** The same client, sending from {@code sourceAddress}. */
    public RawClient from(String sourceAddress) {
        try {
            return new RawClient(port, InetAddress.getByName(sourceAddress));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code method target} with {@code headers} ("Name: value" lines) and {@code body}; adds
     * {@code Host}, {@code Connection: close} and, unless the headers frame the body themselves
     * ({@code Content-Length} or {@code Transfer-Encoding}), its {@code Content-Length}.
     */
    public Response send(String method, String target, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        boolean framed = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            String name = header.toLowerCase(Locale.ROOT);
            framed |= name.startsWith("content-length:") || name.startsWith("transfer-encoding:");
        }
        if (!framed && body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        Response response = exchange(request.toByteArray());
        checkAgainstDocument(
                method, target, response, framed ? Optional.empty() : Optional.of(body == null ? new byte[0] : body));
        return response;
    }

    /** A JSON request as Lemmy's client sends it; {@code token} (may be null) goes into a Bearer header. */
    public Response json(String method, String target, String token, byte[] body) {
        List<String> headers = new ArrayList<>();
        headers.add("Content-Type: application/json");
        if (token != null) {
            headers.add("Authorization: Bearer " + token);
        }
        return send(method, target, headers, body);
    }

    public Response json(String method, String target, String token, String body) {
        return json(method, target, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends exactly these bytes and reads everything the server answers until it closes the
     * connection. When they begin with a request line, a JSON answer is checked against the document.
     */
    public Response sendRaw(byte[] request) {
        Response response = exchange(request);
        String head = new String(request, 0, Math.min(request.length, 8192), StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf("\r\n");
        String[] requestLine = (lineEnd < 0 ? "" : head.substring(0, lineEnd)).split(" ", -1);
        if (requestLine.length == 3 && requestLine[2].startsWith("HTTP/")) {
            checkAgainstDocument(requestLine[0], requestLine[1], response, Optional.empty());
        }
        return response;
    }

    /**
     * Holds a JSON answer of the API to the API's OpenAPI document, and, when it accepted the
     * request, the request too ({@code sentBody} when its framing was the client's own).
     */
    private static void checkAgainstDocument(
            String method, String target, Response response, Optional<byte[]> sentBody) {
        ApiContract contract = ApiContract.shared();
        if (response.status() < 0
                || !response.hasHeader("Content-Type", "application/json")
                || !contract.covers(target)) {
            return;
        }
        JsonNode body = response.json()
                .orElseThrow(() ->
                        new AssertionError(method + " " + target + ": an answer said to be JSON is none: " + response));
        contract.checkAnswer(method, target, response.status(), response::header, body);
        if (response.status() >= 200 && response.status() < 300) {
            contract.checkAcceptedRequest(method, target, sentBody);
        }
    }

    private Response exchange(byte[] request) {
        try (Connection connection = open()) {
            connection.setReadTimeout(Duration.ofSeconds(30));
            try {
                connection.write(request);
            } catch (SocketException refusedMidway) {
                // the server answered and closed before it read everything: its answer is still there to read
            }
            return connection.readToEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection of the test's own; reads time out after 10 s unless it says otherwise. */
    public Connection open() throws IOException {
        return new Connection(port, source);
    }

    /** A connection of the test's own to {@code port}, from the system's choice of address. */
    public static Connection connect(int port) throws IOException {
        return new RawClient(port).open();
    }

    /**
     * One connection that the test drives: it writes what it likes when it likes, reads answers one
     * at a time or up to the end, and sees when (and whether) the server closes the connection.
     */
    public static final class Connection implements AutoCloseable {

        private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final long openedAt = System.nanoTime();
        private boolean closed;

        private Connection(int port, InetAddress source) throws IOException {
            socket = new Socket();
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        public void setReadTimeout(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
        }

        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes one chunk of a chunked body. */
        public void chunk(byte[] data) throws IOException {
            write(Integer.toHexString(data.length) + "\r\n");
            write(data);
            write("\r\n");
        }

        /** Sends {@code text} at once; false when the server has already closed the connection. */
        public boolean trySend(String text) {
            try {
                write(text);
                return true;
            } catch (IOException gone) {
                closed = true;
                return false;
            }
        }

        /**
         * Reads one answer (a {@code 100 Continue} is one too): status line, headers, and a body of
         * the declared Content-Length; the connection stays open for the next.
         *
         * @throws IOException "connection closed after N bytes" when the server closes it first
         */
        public Response read() throws IOException {
            String head = readHead();
            int length = 0;
            for (String line : head.split("\r\n", -1)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return Response.parse(head, body);
        }

        /**
         * Reads everything until the server closes the connection (a reset after the answer keeps
         * what arrived) and parses it as one answer, skipping a {@code 100 Continue}; status
         * {@code -1} when the server closed without answering.
         */
        public Response readToEnd() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    all.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError(
                        "the server did not close the connection; read: " + all.toString(StandardCharsets.UTF_8),
                        stillOpen);
            } catch (SocketException reset) {
                // a reset after the answer: keep what arrived
            }
            closed = true;
            return Response.parse(all.toByteArray());
        }

        /** Whether the server closes the connection within the read timeout (10 s unless set otherwise). */
        public boolean closedByServer() throws IOException {
            return closedWithin(Duration.ofMillis(socket.getSoTimeout()));
        }

        /** Whether the server closed the connection (end of stream or reset) within {@code wait}; what it sends is dropped. */
        public boolean closedWithin(Duration wait) throws IOException {
            if (closed) {
                return true;
            }
            int timeout = socket.getSoTimeout();
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] sink = new byte[4096];
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    try {
                        if (in.read(sink) == -1) {
                            closed = true;
                            return true;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        return false;
                    } catch (IOException reset) {
                        closed = true;
                        return true;
                    }
                }
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(timeout);
                }
            }
        }

        /**
         * Sends {@code text} one character every {@code interval} (then nothing more) until the
         * server closes the connection, at most for {@code max}.
         *
         * @return how long the connection stayed open since it was opened; empty when the server never closed it
         */
        public Optional<Duration> trickleUntilClosed(String text, Duration interval, Duration max) throws IOException {
            long deadline = System.nanoTime() + max.toNanos();
            int next = 0;
            while (System.nanoTime() < deadline) {
                if (next < text.length() && !trySend(text.substring(next, next + 1))) {
                    return Optional.of(age());
                }
                next++;
                if (closedWithin(interval)) {
                    return Optional.of(age());
                }
            }
            return Optional.empty();
        }

        /** Waits up to {@code max} for the server to close the connection: how long it was open, or empty. */
        public Optional<Duration> awaitClose(Duration max) throws IOException {
            return trickleUntilClosed("", Duration.ofMillis(100), max);
        }

        /** How long since the connection was opened. */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - openedAt);
        }

        public int port() {
            return socket.getPort();
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("connection closed after " + head.size() + " bytes: " + head);
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * One answer: status ({@code -1} when the server closed without answering), head (status line
     * and headers) and body.
     */
    @SuppressWarnings("ArrayRecordComponent") // the bytes as read; never compared or hashed, toString below
    public record Response(int status, String head, byte[] body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (raw.length == 0 || end < 0) {
                return new Response(-1, text, new byte[0]);
            }
            String head = text.substring(0, end);
            byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
            if (head.startsWith("HTTP/1.1 100 ")) {
                return parse(body);
            }
            return parse(head, body);
        }

        static Response parse(String head, byte[] body) {
            String trimmed = head.endsWith("\r\n\r\n") ? head.substring(0, head.length() - 4) : head;
            return new Response(Integer.parseInt(trimmed.split(" ", -1)[1]), trimmed, body);
        }

        public Optional<String> header(String name) {
            for (String line : head.split("\r\n", -1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
            return Optional.empty();
        }

        /** Whether a header {@code name} starts with {@code value}, both ignoring case. */
        public boolean hasHeader(String name, String value) {
            return header(name)
                    .map(found -> found.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT)))
                    .orElse(false);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or empty when it is no JSON. */
        public Optional<JsonNode> json() {
            try {
                JsonNode node = HttpApi.JSON.readTree(body);
                return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
            } catch (IOException notJson) {
                return Optional.empty();
            }
        }

        /** {@code {"error": "<string>", "message": "<string>"}} and nothing else. */
        public boolean isEnvelope() {
            return json().filter(node -> node.isObject()
                            && node.size() == 2
                            && node.path("error").isTextual()
                            && !node.path("error").asText().isBlank()
                            && node.path("message").isTextual()
                            && !node.path("message").asText().isBlank())
                    .isPresent();
        }

        public String error() {
            return json().map(node -> node.path("error").asText(null)).orElse(null);
        }

        @Override
        public String toString() {
            String shown = text();
            return status + " " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
    }
}
