package guestlist.adapters.rest.archfixture;

import io.micrometer.core.instrument.Counter;

/** A deliberately bad class: the REST adapter counting with Micrometer itself. Only the architecture test uses it. */
public class RestAdapterCountingWithMicrometer {

    public void count(Counter requests) {
        requests.increment();
    }
}
