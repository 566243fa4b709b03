package guestlist.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a keyset listing, and the cursor of the next page when there is one. */
public record Page<T>(List<T> items, Optional<PageCursor> next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
