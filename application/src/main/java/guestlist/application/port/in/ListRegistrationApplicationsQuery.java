package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.Objects;
import java.util.Optional;

/**
 * @param unreadOnly only applications no admin has decided yet
 * @param after      where the page starts; empty = with the oldest application
 */
public record ListRegistrationApplicationsQuery(
        LocalUser actor, boolean unreadOnly, PageSize size, Optional<PagePosition> after) {

    public ListRegistrationApplicationsQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }

    /** With {@code unread_only} as asked: true when not. */
    public static ListRegistrationApplicationsQuery of(
            LocalUser actor, Optional<Boolean> unreadOnly, PageSize size, Optional<PagePosition> after) {
        return new ListRegistrationApplicationsQuery(actor, unreadOnly.orElse(true), size, after);
    }
}
