package guestlist.bench.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection kept alive for request after request, written and read by hand: the
 * flood's 200 clients run on the same two cores as the server they measure, and with Java's
 * {@code HttpClient} the benchmark's process took about a fifth of a core during a flood (some 1.3 ms
 * of CPU per log-in, a tenth of the machine that the server's hashing wanted), with this under a tenth
 * of a core, paced invite list included. It sends a POST with a JSON body and reads the status,
 * whether {@code Retry-After} came, and the body (by {@code Content-Length} or chunked), which it
 * discards. Reconnects when the server closed the connection or asked to.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** What came back. */
    record Answer(int status, boolean retryAfter) {}

    private final URI uri;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(URI uri, int timeoutMillis) {
        this.uri = uri;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends a POST of {@code json} and reads the whole answer; on failure the connection is closed. */
    Answer post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try {
            if (socket == null) {
                open();
            }
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read();
        } catch (IOException failed) {
            close();
            throw failed;
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    private Answer read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean retryAfter = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "retry-after" -> retryAfter = true;
                case "connection" -> closing = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line(); // the CRLF after the chunk's data
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0) {
            closing = true; // the body runs to the end of the connection: not kept alive
        }
        if (closing) {
            close();
        }
        return new Answer(status, retryAfter);
    }

    /** The size line of the next chunk, without its extensions. */
    private long chunkSize() throws IOException {
        return Long.parseLong(line().split(";", 2)[0].trim(), 16);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an answer");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed in the middle of a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
