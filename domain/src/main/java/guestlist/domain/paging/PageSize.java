package guestlist.domain.paging;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Optional;

/** How many items one page of a listing holds: 1 to 50, 20 when not asked. */
public record PageSize(int value) {

    public static final int DEFAULT = 20;
    public static final int MAX = 50;

    public PageSize {
        if (value < 1 || value > MAX) {
            throw new Refusal(Rule.PAGE_SIZE, "limit must be between 1 and " + MAX);
        }
    }

    public static PageSize of(Optional<Integer> asked) {
        return new PageSize(asked.orElse(DEFAULT));
    }
}
