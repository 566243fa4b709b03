package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.Objects;
import java.util.Optional;

/** @param after where the page starts; empty = with the newest invite */
public record ListInvitesQuery(LocalUser actor, PageSize size, Optional<PagePosition> after) {

    public ListInvitesQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }
}
