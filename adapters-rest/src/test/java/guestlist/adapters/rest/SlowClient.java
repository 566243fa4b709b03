package guestlist.adapters.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A slow-loris client on a plain socket: it sends a request a byte at a time, or stops halfway,
 * and measures how long the server keeps the connection open.
 */
final class SlowClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final long openedAt = System.nanoTime();
    private boolean closed;

    SlowClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends {@code text} at once; false when the server has already closed the connection. */
    boolean send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException gone) {
            closed = true;
            return false;
        }
    }

    /**
     * Sends {@code text} one byte every {@code interval} (then nothing more) until the server closes
     * the connection, at most for {@code max}.
     *
     * @return how long the connection stayed open since it was opened, or empty when the server never closed it
     */
    java.util.Optional<Duration> trickleUntilClosed(String text, Duration interval, Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        int next = 0;
        while (System.nanoTime() < deadline) {
            if (next < text.length() && !send(text.substring(next, next + 1))) {
                return java.util.Optional.of(age());
            }
            next++;
            if (closedWithin(interval)) {
                return java.util.Optional.of(age());
            }
        }
        return java.util.Optional.empty();
    }

    /** Waits up to {@code max} for the server to close the connection; anything it sends is read and dropped. */
    java.util.Optional<Duration> awaitClose(Duration max) throws IOException {
        return trickleUntilClosed("", Duration.ofMillis(100), max);
    }

    /** Whether the server closed the connection (end of stream or reset) within {@code wait}. */
    boolean closedWithin(Duration wait) throws IOException {
        if (closed) {
            return true;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] sink = new byte[4096];
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
    }

    /** How long since the connection was opened. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedAt);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
