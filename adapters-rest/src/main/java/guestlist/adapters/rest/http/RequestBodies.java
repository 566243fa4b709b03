package guestlist.adapters.rest.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Receives request bodies within the limits, without holding a thread while a client sends: a
 * declared {@code Content-Length} over the limit is refused before a byte is read; a body that is
 * not JSON is refused by its {@code Content-Type}; the body is read on the I/O thread as it arrives
 * (never by a worker waiting on the socket), a chunked body only until it passes the limit; and a
 * client that sends its body too slowly loses its connection.
 */
final class RequestBodies {

    /**
     * How much of a body past the limit is read and dropped before the connection is closed
     * instead. Small enough that, with one read buffer (16 KiB), the server's MAX_ENTITY_SIZE
     * backstop (limit + 32 KiB) is never reached.
     */
    static final int OVERFLOW_DISCARD_BYTES = 4 * 1024;

    private static final byte[] NO_BODY = new byte[0];

    /** What runs once the whole body has arrived: on the I/O thread, as the exchange's handler. */
    @FunctionalInterface
    interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private RequestBodies() {
    }

    /** Refuses, from the headers alone, a body declared larger than the limit. */
    static void refuseDeclaredOversize(HttpServerExchange exchange, Limits limits) {
        if (declaredLength(exchange) > limits.maxBodyBytes()) {
            // do not drain megabytes just to keep the connection: close it after the answer
            exchange.setPersistent(false);
            throw tooLarge(limits);
        }
    }

    /** Refuses, from the headers alone, a body that is not JSON (no body is fine). */
    static void refuseNonJson(HttpServerExchange exchange) {
        if (hasBody(exchange) && !isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
            throw new RequestRefusal(RequestError.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be JSON sent as Content-Type: application/json");
        }
    }

    /**
     * Receives the whole body (empty when there is none) and then runs {@code then} with it; with
     * {@code keep} false the body is read within the same limits but dropped (an endpoint that needs
     * none), so that Undertow never has an unbounded body left to drain when the exchange ends. A
     * body over the limit, too slow or unreadable is answered here (or its connection closed), and
     * {@code then} does not run. Must be called from the exchange's handler.
     */
    static void receive(HttpServerExchange exchange, Limits limits, boolean keep, BodyHandler then) throws Exception {
        if (!hasBody(exchange)) {
            then.handle(exchange, NO_BODY);
            return;
        }
        new Receiver(exchange, limits, keep, then).start();
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        return declaredLength(exchange) > 0 || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /**
     * The {@code Content-Length} (-1 when there is none). Undertow's own reading of it throws on a
     * number too large for a {@code long}: such a length counts as {@link Long#MAX_VALUE} here (too
     * large), and one that is not a number at all is a {@code bad_request}.
     */
    static long declaredLength(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        String digits = header.trim();
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException tooLong) {
                return Long.MAX_VALUE;
            }
        }
        exchange.setPersistent(false);
        throw new RequestRefusal(RequestError.BAD_REQUEST, "Content-Length must be a whole number of bytes");
    }

    /**
     * Reads what has arrived whenever the channel says more is there; all of it runs on the
     * connection's I/O thread (the deadline too), so nothing here needs a lock.
     */
    private static final class Receiver implements ChannelListener<StreamSourceChannel> {

        private final HttpServerExchange exchange;
        private final Limits limits;
        private final boolean keep;
        private final BodyHandler then;
        private final ByteArrayOutputStream body;
        private StreamSourceChannel channel;
        private XnioExecutor.Key deadline;
        /** Bytes read so far, those past the limit (read and dropped) included. */
        private long received;
        private boolean finished;

        Receiver(HttpServerExchange exchange, Limits limits, boolean keep, BodyHandler then) {
            this.exchange = exchange;
            this.limits = limits;
            this.keep = keep;
            this.then = then;
            this.body = new ByteArrayOutputStream(keep
                    ? (int) Math.min(Math.max(declaredLength(exchange), 256), limits.maxBodyBytes())
                    : 0);
        }

        void start() throws Exception {
            channel = exchange.getRequestChannel();
            if (channel == null) {
                throw new IllegalStateException("the request body was taken before the endpoint could read it");
            }
            deadline = exchange.getIoThread().executeAfter(this::timedOut, limits.bodyReadTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            channel.getReadSetter().set(this);
            readAvailable(true);
        }

        @Override
        public void handleEvent(StreamSourceChannel ignored) {
            try {
                readAvailable(false);
            } catch (Exception impossible) {
                // outside a handler call every outcome goes through Connectors.executeRootHandler
                throw new IllegalStateException(impossible);
            }
        }

        /** @param inCall whether this runs inside the exchange's handler (else in a channel event) */
        private void readAvailable(boolean inCall) throws Exception {
            if (finished) {
                return;
            }
            try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
                ByteBuffer buffer = pooled.getBuffer();
                while (true) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read == -1) {
                        arrived(inCall);
                        return;
                    }
                    if (read == 0) {
                        if (inCall) {
                            // resumed once the handler returns; from then on handleEvent reads
                            channel.resumeReads();
                        }
                        return;
                    }
                    buffer.flip();
                    if (!take(buffer)) {
                        // far too much: stop reading, answer nobody, close the connection
                        closeConnection();
                        finish(inCall, refusal(tooLarge(limits)));
                        return;
                    }
                }
            } catch (RequestTooBigException e) {
                exchange.setPersistent(false);
                finish(inCall, refusal(tooLarge(limits)));
            } catch (IOException e) {
                // a broken chunked encoding, or the connection went away; the rest cannot be trusted
                exchange.setPersistent(false);
                finish(inCall, refusal(new RequestRefusal(RequestError.BAD_REQUEST,
                        "the request body could not be read", e)));
            }
        }

        /** Keeps (or counts) what was read; false when so much is past the limit that reading must stop. */
        private boolean take(ByteBuffer buffer) {
            int length = buffer.remaining();
            received += length;
            if (received <= limits.maxBodyBytes()) {
                if (keep) {
                    byte[] chunk = new byte[length];
                    buffer.get(chunk);
                    body.write(chunk, 0, length);
                }
                return true;
            }
            return received - limits.maxBodyBytes() <= OVERFLOW_DISCARD_BYTES;
        }

        private void arrived(boolean inCall) throws Exception {
            if (received > limits.maxBodyBytes()) {
                // just over the limit, and read to its end: a clean 413 on a connection that stays open
                finish(inCall, refusal(tooLarge(limits)));
            } else {
                byte[] whole = keep ? body.toByteArray() : NO_BODY;
                finish(inCall, exchange -> then.handle(exchange, whole));
            }
        }

        private void timedOut() {
            if (finished) {
                return;
            }
            closeConnection();
            try {
                // the answer reaches nobody, but ends the exchange (and so counts it done for a graceful stop)
                finish(false, refusal(new RequestRefusal(RequestError.BAD_REQUEST,
                        "the request body did not arrive within " + limits.bodyReadTimeout().toMillis() + " ms")));
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        private void closeConnection() {
            exchange.setPersistent(false);
            IoUtils.safeClose(exchange.getConnection());
        }

        private void finish(boolean inCall, HttpHandler next) throws Exception {
            finished = true;
            if (deadline != null) {
                deadline.remove();
            }
            channel.getReadSetter().set(null);
            channel.suspendReads();
            if (inCall) {
                next.handleRequest(exchange);
            } else {
                Connectors.executeRootHandler(next, exchange);
            }
        }

        private static HttpHandler refusal(RequestRefusal refusal) {
            return exchange -> ErrorResponses.send(exchange, refusal);
        }
    }

    /**
     * {@code application/json}, with any parameters, as long as a charset, when given, is UTF-8
     * (the only encoding JSON on the wire may use).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static RequestRefusal tooLarge(Limits limits) {
        return new RequestRefusal(RequestError.PAYLOAD_TOO_LARGE,
                "the request body must be at most " + limits.maxBodyBytes() + " bytes");
    }
}
