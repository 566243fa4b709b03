package guestlist.adapters.rest.http;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads request bodies within the limits: a declared {@code Content-Length} over the limit is
 * refused before a byte is read; a chunked body is read only until it passes the limit; a body
 * that is not JSON is refused by its {@code Content-Type}; and a client that sends its body too
 * slowly loses its connection.
 */
final class RequestBodies {

    /**
     * How much of a body past the limit is read and dropped before the connection is closed
     * instead. Small enough that, with Undertow's read-ahead buffer (16 KiB) and ours (8 KiB),
     * the server's MAX_ENTITY_SIZE backstop (limit + 32 KiB) is never reached.
     */
    static final int OVERFLOW_DISCARD_BYTES = 4 * 1024;

    private RequestBodies() {
    }

    /** Refuses, from the headers alone, a body declared larger than the limit. */
    static void refuseDeclaredOversize(HttpServerExchange exchange, Limits limits) {
        if (exchange.getRequestContentLength() > limits.maxBodyBytes()) {
            // do not drain megabytes just to keep the connection: close it after the answer
            exchange.setPersistent(false);
            throw tooLarge(limits);
        }
    }

    /** The whole body of a request that must carry JSON (empty when it has none). */
    static byte[] readJson(HttpServerExchange exchange, Limits limits) {
        refuseDeclaredOversize(exchange, limits);
        if (!hasBody(exchange)) {
            return new byte[0];
        }
        if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
            throw new GuestlistException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be JSON sent as Content-Type: application/json");
        }
        return read(exchange, limits);
    }

    /**
     * Reads and drops the body of a request that needs none, within the same limits as any body,
     * so that Undertow never has an unbounded body left to drain when the exchange ends.
     */
    static void discard(HttpServerExchange exchange, Limits limits) {
        refuseDeclaredOversize(exchange, limits);
        if (hasBody(exchange)) {
            read(exchange, limits);
        }
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() > 0 || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    private static byte[] read(HttpServerExchange exchange, Limits limits) {
        AtomicBoolean timedOut = new AtomicBoolean();
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            timedOut.set(true);
            IoUtils.safeClose(exchange.getConnection());
        }, limits.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Never closed here: closing it would drain the rest of the body. Undertow drains what is left
        // when the exchange ends, cutting off (with a stack trace on stderr) past MAX_ENTITY_SIZE.
        InputStream in = exchange.getInputStream();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(exchange.getRequestContentLength(), 256), limits.maxBodyBytes()));
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (body.size() + read > limits.maxBodyBytes()) {
                    discardOverflow(exchange, in, buffer);
                    throw tooLarge(limits);
                }
                body.write(buffer, 0, read);
            }
            return body.toByteArray();
        } catch (RequestTooBigException e) {
            throw tooLarge(limits);
        } catch (GuestlistException refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                // the connection is gone: this answer reaches nobody, but ends the exchange quietly
                throw new GuestlistException(ErrorCode.BAD_REQUEST,
                        "the request body did not arrive within " + limits.bodyReadTimeout().toSeconds() + " s");
            }
            if (e instanceof IOException) {
                throw new GuestlistException(ErrorCode.BAD_REQUEST, "the request body could not be read", e);
            }
            throw (RuntimeException) e;
        } finally {
            deadline.remove();
        }
    }

    /**
     * A body just over the limit is read to its end and dropped, so that its client gets a clean
     * {@code 413} and keeps its connection. When more than {@link #OVERFLOW_DISCARD_BYTES} follow,
     * the client is sending far too much: the connection is closed, and nothing more is read.
     */
    private static void discardOverflow(HttpServerExchange exchange, InputStream in, byte[] buffer)
            throws IOException {
        long discarded = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            discarded += read;
            if (discarded > OVERFLOW_DISCARD_BYTES) {
                exchange.setPersistent(false);
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
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

    private static GuestlistException tooLarge(Limits limits) {
        return new GuestlistException(ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body must be at most " + limits.maxBodyBytes() + " bytes");
    }
}
