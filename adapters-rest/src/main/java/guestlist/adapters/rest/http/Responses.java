package guestlist.adapters.rest.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Writes JSON answers. Every answer, success or error, goes out through here. */
public final class Responses {

    public static final String JSON = "application/json";

    private Responses() {}

    public static void send(HttpServerExchange exchange, int status, byte[] json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, JSON)
                .put(Headers.CACHE_CONTROL, "no-store")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.setResponseContentLength(json.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }
}
