package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin's page of a listing about one account: its invite branch, its ancestry, its invites.
 *
 * @param account whose listing it is
 * @param after   where the page starts (after the last item served); empty = at the start
 */
public record AccountListingQuery(LocalUser actor, LocalUserId account, PageSize size, Optional<PagePosition> after) {

    public AccountListingQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }
}
