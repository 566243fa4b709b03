package guestlist.adapters.rest.http;

import guestlist.adapters.rest.error.ErrorResponses;

/**
 * One endpoint's work: read what it needs from the request, call its use case, and return the
 * response record that is answered as JSON with status 200. Failures are thrown, never answered
 * here: {@link ErrorResponses} turns them into the error envelope.
 */
@FunctionalInterface
public interface ApiHandler {

    Object handle(ApiRequest request) throws Exception;
}
