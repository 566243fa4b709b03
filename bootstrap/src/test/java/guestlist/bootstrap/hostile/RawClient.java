package guestlist.bootstrap.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import guestlist.bootstrap.e2e.HttpApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for what
 * {@code java.net.http} will not send: any bytes as body or request line, duplicate or malformed
 * headers, and a source address of the test's choosing (the whole 127.0.0.0/8 is loopback on Linux,
 * so 127.0.0.2 is another client to a per-address rate limit).
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
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
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
        return sendRaw(request.toByteArray());
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

    /** Sends exactly these bytes and reads everything the server answers until it closes the connection. */
    public Response sendRaw(byte[] request) {
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException refusedMidway) {
                // the server answered and closed before it read everything: its answer is still there to read
            }
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                all.write(buffer, 0, read);
            }
        } catch (SocketException reset) {
            // a reset after the answer: keep what arrived
        }
        return all.toByteArray();
    }

    /**
     * One answer: status ({@code -1} when the server closed without answering), head and body.
     */
    public record Response(int status, String head, byte[] body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (raw.length == 0 || end < 0) {
                return new Response(-1, text, new byte[0]);
            }
            String head = text.substring(0, end);
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            if (head.startsWith("HTTP/1.1 100 ")) {
                return parse(body);
            }
            return new Response(Integer.parseInt(head.split(" ")[1]), head, body);
        }

        public Optional<String> header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
            return Optional.empty();
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
            return json().filter(node -> node.isObject() && node.size() == 2
                    && node.path("error").isTextual() && !node.path("error").asText().isBlank()
                    && node.path("message").isTextual() && !node.path("message").asText().isBlank()).isPresent();
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
