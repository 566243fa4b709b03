package guestlist.application.service;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.ListInviteAncestryUseCase;
import guestlist.application.port.in.LocalUserView;
import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;
import java.time.Clock;
import java.time.Instant;

/**
 * Admins reading an account's ancestry, nearest inviter first, up to an account that joined
 * without an invite; a page starts after the last inviter served.
 */
public final class ListInviteAncestryService implements ListInviteAncestryUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final InviteBranchRepository branches;
    private final Clock clock;

    public ListInviteAncestryService(
            Transactions transactions, UserRepository users, InviteBranchRepository branches, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.branches = branches;
        this.clock = clock;
    }

    @Override
    public Page<LocalUserView> listInviteAncestry(AccountListingQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            LocalUser account = TargetAccounts.existing(users, query.account());
            Instant now = clock.instant();
            return Keyset.page(
                            query.size(),
                            limit -> branches.ancestry(
                                    account.id(), query.after().map(after -> new LocalUserId(after.lastId())), limit),
                            inviter -> inviter.id().value())
                    .map(inviter -> LocalUserView.of(inviter, now));
        });
    }
}
