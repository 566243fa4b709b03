package guestlist.application.port.in;

import guestlist.domain.LocalUser;
import guestlist.domain.PageCursor;
import guestlist.domain.PageSize;

import java.util.Objects;
import java.util.Optional;

public record ListInvitesQuery(LocalUser actor, PageSize size, Optional<PageCursor> cursor) {

    public ListInvitesQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(cursor, "cursor");
    }

    /** From the raw {@code limit} and {@code page_cursor} of a request. */
    public static ListInvitesQuery of(LocalUser actor, Optional<Integer> limit, Optional<String> pageCursor) {
        return new ListInvitesQuery(actor, PageSize.of(limit),
                pageCursor.map(wire -> PageCursor.decode(PageCursor.Listing.INVITES, wire)));
    }
}
