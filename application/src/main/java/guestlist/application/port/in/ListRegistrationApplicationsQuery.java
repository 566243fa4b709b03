package guestlist.application.port.in;

import guestlist.domain.LocalUser;
import guestlist.domain.PageCursor;
import guestlist.domain.PageSize;

import java.util.Objects;
import java.util.Optional;

/** @param unreadOnly only applications no admin has decided yet */
public record ListRegistrationApplicationsQuery(LocalUser actor, boolean unreadOnly, PageSize size,
                                                Optional<PageCursor> cursor) {

    public ListRegistrationApplicationsQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(cursor, "cursor");
    }

    /** From the raw {@code unread_only} (default true), {@code limit} and {@code page_cursor}. */
    public static ListRegistrationApplicationsQuery of(LocalUser actor, Optional<Boolean> unreadOnly,
                                                       Optional<Integer> limit, Optional<String> pageCursor) {
        return new ListRegistrationApplicationsQuery(actor, unreadOnly.orElse(true), PageSize.of(limit),
                pageCursor.map(wire -> PageCursor.decode(PageCursor.Listing.APPLICATIONS, wire)));
    }
}
