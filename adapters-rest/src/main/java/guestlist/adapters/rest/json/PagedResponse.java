package guestlist.adapters.rest.json;

import guestlist.domain.paging.Page;
import java.util.List;
import java.util.function.Function;

/** Lemmy's {@code PagedResponse}: one page of items and, unless it is the last, the next page's cursor. */
public record PagedResponse<T>(List<T> items, String nextPage) {

    /** The page, its items mapped, and the position of the next page as a cursor of {@code listing}. */
    public static <D, T> PagedResponse<T> from(Page<D> page, PageCursor.Listing listing, Function<D, T> mapper) {
        return new PagedResponse<>(
                page.items().stream().map(mapper).toList(),
                page.next().map(next -> PageCursor.of(listing, next).encode()).orElse(null));
    }
}
