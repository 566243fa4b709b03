package guestlist.application.port.in;

import guestlist.domain.LocalUser;
import guestlist.domain.PagePosition;
import guestlist.domain.PageSize;

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
