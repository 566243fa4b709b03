package guestlist.adapters.rest.http;

/**
 * Told of every request the server has answered, once its answer has ended: the access log and the
 * metrics. Runs on the thread that ended the answer (usually an I/O thread), so it must be quick and
 * must not block; what it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RequestObserver {

    void completed(CompletedRequest request);
}
