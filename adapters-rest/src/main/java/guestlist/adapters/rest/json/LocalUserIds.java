package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;

/** An account's id as a request carries it: an integer from 1 up, else a {@code bad_request} naming the field. */
final class LocalUserIds {

    private LocalUserIds() {}

    /** Refuses a given id below 1; a missing one is the binding's to refuse ({@link Required}). */
    static void check(String field, Long id) {
        if (id != null && id < 1) {
            throw new RequestRefusal(
                    RequestError.BAD_REQUEST, field + " must be an integer between 1 and " + Long.MAX_VALUE);
        }
    }
}
