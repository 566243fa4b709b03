package guestlist.adapters.rest.json;

import guestlist.domain.Page;
import guestlist.domain.PageCursor;

import java.util.List;
import java.util.function.Function;

/** Lemmy's {@code PagedResponse}: one page of items and, unless it is the last, the next page's cursor. */
public record PagedResponse<T>(List<T> items, String nextPage) {

    public static <D, T> PagedResponse<T> from(Page<D> page, Function<D, T> mapper) {
        return new PagedResponse<>(page.items().stream().map(mapper).toList(),
                page.next().map(PageCursor::encode).orElse(null));
    }
}
