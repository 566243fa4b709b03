package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.paging.PageSize;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin's listing of accounts (Lemmy's {@code adminListUsers}).
 *
 * @param bannedOnly only accounts a ban holds on now
 * @param sort       newest first (Lemmy's default, {@code new}) or oldest first ({@code old})
 * @param invitedBy  only the direct invitees of this account (Guestlist's own filter)
 * @param after      where the page starts; empty = at the start of the order
 */
public record ListUsersQuery(
        LocalUser actor,
        boolean bannedOnly,
        Sort sort,
        Optional<LocalUserId> invitedBy,
        PageSize size,
        Optional<PagePosition> after) {

    /** The order of a listing of accounts: by the account's id, which grows with its age. */
    public enum Sort {
        NEW,
        OLD
    }

    public ListUsersQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(after, "after");
    }

    /** With the defaults of what was not asked: every account, newest first. */
    public static ListUsersQuery of(
            LocalUser actor,
            Optional<Boolean> bannedOnly,
            Optional<Sort> sort,
            Optional<LocalUserId> invitedBy,
            PageSize size,
            Optional<PagePosition> after) {
        return new ListUsersQuery(actor, bannedOnly.orElse(false), sort.orElse(Sort.NEW), invitedBy, size, after);
    }
}
