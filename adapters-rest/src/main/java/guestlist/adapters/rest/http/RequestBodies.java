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

/**
 * Reads request bodies within the limits: a declared {@code Content-Length} over the limit is
 * refused before a byte is read; a chunked body is read only until it passes the limit; a body
 * that is not JSON is refused by its {@code Content-Type}; and a client that sends its body too
 * slowly loses its connection.
 */
final class RequestBodies {

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
        boolean chunked = exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
        if (exchange.getRequestContentLength() <= 0 && !chunked) {
            return new byte[0];
        }
        if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
            throw new GuestlistException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be JSON sent as Content-Type: application/json");
        }
        return read(exchange, limits);
    }

    private static byte[] read(HttpServerExchange exchange, Limits limits) {
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(
                () -> IoUtils.safeClose(exchange.getConnection()),
                limits.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // not closed here: closing it would drain the rest of an oversized body; Undertow ends the
        // request itself, discarding at most up to the server's MAX_ENTITY_SIZE before it closes
        InputStream in = exchange.getInputStream();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(exchange.getRequestContentLength(), 256), limits.maxBodyBytes()));
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (body.size() + read > limits.maxBodyBytes()) {
                    throw tooLarge(limits);
                }
                body.write(buffer, 0, read);
            }
            return body.toByteArray();
        } catch (RequestTooBigException e) {
            throw tooLarge(limits);
        } catch (IOException e) {
            throw new GuestlistException(ErrorCode.BAD_REQUEST, "the request body could not be read", e);
        } finally {
            deadline.remove();
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
