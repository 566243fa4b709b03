package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;
import java.util.concurrent.CompletionStage;

/**
 * One endpoint's work that never blocks: it reads what it needs from the request, starts its use
 * case and returns at once, on the connection's I/O thread. The response record that is answered as
 * JSON with status 200 comes later, when the stage completes; failures, thrown here or by the
 * stage, go to {@link ErrorResponses} as an {@link ApiHandler}'s do.
 */
@FunctionalInterface
public interface DeferredApiHandler {

    CompletionStage<?> handle(ApiRequest request);
}
