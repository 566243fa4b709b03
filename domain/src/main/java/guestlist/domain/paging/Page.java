package guestlist.domain.paging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One page of a keyset listing, and where the next page starts when there is one. */
public record Page<T>(List<T> items, Optional<PagePosition> next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** The same page with each item turned into another by {@code view}; the next page starts where it did. */
    public <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(items.stream().<R>map(view).toList(), next);
    }
}
