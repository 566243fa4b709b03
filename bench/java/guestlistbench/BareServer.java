package guestlistbench;

import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reference (c): a bare Undertow answering a fixed small JSON body, with Guestlist's thread
 * settings: the same number of worker threads, Undertow's default I/O threads (as Guestlist),
 * and the work dispatched to a worker thread by a {@link BlockingHandler} (as every Guestlist
 * endpoint is), with the same response headers. Not a route of the product.
 *
 * <p>{@code java -cp guestlist.jar:classes guestlistbench.BareServer PORT WORKER_THREADS}
 */
public final class BareServer {

    private static final byte[] BODY = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        // Guestlist leaves the I/O threads at Undertow's default: max(2, cores)
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2])
                : Math.max(2, Runtime.getRuntime().availableProcessors());
        Undertow server = Undertow.builder()
                .setIoThreads(ioThreads)
                .addHttpListener(port, "127.0.0.1")
                .setWorkerThreads(workers)
                .setHandler(new BlockingHandler(exchange -> {
                    exchange.setStatusCode(200);
                    exchange.getResponseHeaders()
                            .put(Headers.CONTENT_TYPE, "application/json")
                            .put(Headers.CACHE_CONTROL, "no-store")
                            .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
                    exchange.setResponseContentLength(BODY.length);
                    exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
                }))
                .build();
        server.start();
        System.out.println("BARE listening on " + port + " with " + workers + " worker threads");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
}
