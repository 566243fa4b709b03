package guestlist.bench.reference;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The child process of reference (c): a bare Undertow answering a fixed small JSON body, with
 * Guestlist's thread settings and thread hops: the same number of worker threads, Undertow's
 * default I/O threads (as Guestlist), each request dispatched to a worker thread and its answer
 * written back on the connection's I/O thread (as every Guestlist endpoint but the validity
 * check does, see JsonEndpoint), with the same response headers. Not a route of the product.
 *
 * <p>{@code java -cp guestlist-bench.jar guestlist.bench.reference.BareServer PORT WORKER_THREADS}
 */
public final class BareServer {

    private static final byte[] BODY = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);

    private BareServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        // Guestlist leaves the I/O threads at Undertow's default: max(2, cores)
        int ioThreads = args.length > 2
                ? Integer.parseInt(args[2])
                : Math.max(2, Runtime.getRuntime().availableProcessors());
        Undertow server = Undertow.builder()
                .setIoThreads(ioThreads)
                .addHttpListener(port, "127.0.0.1")
                .setWorkerThreads(workers)
                .setHandler(exchange ->
                        exchange.dispatch(onWorker -> onWorker.dispatch(onWorker.getIoThread(), BareServer::answer)))
                .build();
        server.start();
        System.out.println("BARE listening on " + port + " with " + workers + " worker threads");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }

    private static void answer(HttpServerExchange exchange) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "application/json")
                .put(Headers.CACHE_CONTROL, "no-store")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.setResponseContentLength(BODY.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
    }
}
