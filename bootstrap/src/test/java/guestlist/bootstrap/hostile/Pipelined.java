package guestlist.bootstrap.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Many small GET requests on one kept-alive connection, written in batches before their answers
 * are read (HTTP/1.1 pipelining; the server answers them in order): the cheapest way for a test to
 * send hundreds of thousands of requests, e.g. each with an {@code X-Forwarded-For} of its own.
 * Only the status of each answer is kept.
 */
final class Pipelined implements AutoCloseable {

    private static final int BATCH = 64;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Pipelined(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /**
     * Sends {@code count} requests {@code GET target} with the extra header lines {@code headers.apply(i)}
     * (each ending in CRLF, or empty) and tallies the answers' statuses.
     */
    Map<Integer, Integer> get(String target, int count, IntFunction<String> headers) throws IOException {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int start = 0; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            StringBuilder batch = new StringBuilder();
            for (int i = start; i < end; i++) {
                batch.append("GET ")
                        .append(target)
                        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                        .append(headers.apply(i))
                        .append("\r\n");
            }
            out.write(batch.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (int i = start; i < end; i++) {
                statuses.merge(readStatus(), 1, Integer::sum);
            }
        }
        return statuses;
    }

    private int readStatus() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n", -1)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed after " + head.size() + " bytes of a head");
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
