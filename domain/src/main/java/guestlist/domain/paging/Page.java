package guestlist.domain.paging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a keyset listing, and where the next page starts when there is one. */
public record Page<T>(List<T> items, Optional<PagePosition> next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
