package guestlist.application.service;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.InviteTreeMember;
import guestlist.application.port.in.ListInviteTreeUseCase;
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
 * Admins reading the invite branch below an account, breadth first, then by id; a page starts
 * after the last member served. A cursor whose member has left the branch (its account, or one
 * between it and the top, was deleted) ends the listing.
 */
public final class ListInviteTreeService implements ListInviteTreeUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final InviteBranchRepository branches;
    private final Clock clock;

    public ListInviteTreeService(
            Transactions transactions, UserRepository users, InviteBranchRepository branches, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.branches = branches;
        this.clock = clock;
    }

    @Override
    public Page<InviteTreeMember> listInviteTree(AccountListingQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            LocalUser top = TargetAccounts.existing(users, query.account());
            Instant now = clock.instant();
            return Keyset.page(
                            query.size(),
                            limit -> branches.below(
                                    top.id(), query.after().map(after -> new LocalUserId(after.lastId())), limit),
                            member -> member.user().id().value())
                    .map(member -> new InviteTreeMember(
                            LocalUserView.of(member.user(), now),
                            member.depth(),
                            member.user().invitedBy().orElseThrow()));
        });
    }
}
