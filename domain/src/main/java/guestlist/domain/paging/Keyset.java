package guestlist.domain.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Keyset paging, written once for every listing: ask the store for one item more than a page holds,
 * so whether another page follows is known without counting; the page is the first items, and the
 * next one starts after the last of them.
 */
public final class Keyset {

    private Keyset() {}

    /**
     * @param fetch reads at most the given number of items, in the listing's order, from where the
     *              page starts
     * @param idOf  the id of an item, which the next page starts after
     */
    public static <T> Page<T> page(PageSize size, IntFunction<List<T>> fetch, ToLongFunction<? super T> idOf) {
        int wanted = size.value();
        List<T> found = fetch.apply(wanted + 1);
        if (found.size() <= wanted) {
            return new Page<>(found, Optional.empty());
        }
        List<T> page = found.subList(0, wanted);
        return new Page<>(page, Optional.of(new PagePosition(idOf.applyAsLong(page.get(wanted - 1)))));
    }
}
