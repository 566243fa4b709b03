package guestlist.application.service;

import guestlist.application.port.in.ListUsersQuery;
import guestlist.application.port.in.ListUsersUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.UserRepository.UserFilter;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;
import java.time.Clock;
import java.time.Instant;

/**
 * Admins listing accounts, newest or oldest first, one keyset page at a time; each account as it
 * stands at one moment (a ban past its end no longer counts, in the filter as in the view).
 */
public final class ListUsersService implements ListUsersUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final Clock clock;

    public ListUsersService(Transactions transactions, UserRepository users, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Page<LocalUserView> listUsers(ListUsersQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            Instant now = clock.instant();
            query.invitedBy().ifPresent(inviter -> {
                if (users.findById(inviter).isEmpty()) {
                    throw new UseCaseFailure(Reason.NO_SUCH_ACCOUNT, "no account has the id " + inviter.value());
                }
            });
            UserFilter filter =
                    new UserFilter(query.bannedOnly(), query.sort() == ListUsersQuery.Sort.NEW, query.invitedBy());
            return Keyset.page(
                            query.size(),
                            limit -> users.list(filter, now, query.after(), limit),
                            user -> user.id().value())
                    .map(user -> LocalUserView.of(user, now));
        });
    }
}
