package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.Objects;
import java.util.Optional;

/** @param after where the page starts (below the last entry served); empty = with the newest entry */
public record ListModerationLogQuery(LocalUser actor, PageSize size, Optional<PagePosition> after) {

    public ListModerationLogQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }
}
