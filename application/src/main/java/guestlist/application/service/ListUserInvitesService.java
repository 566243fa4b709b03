package guestlist.application.service;

import guestlist.application.port.in.AccountListingQuery;
import guestlist.application.port.in.ListUserInvitesUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;
import java.time.Clock;

/** Admins reading an account's usable invites, newest first: the same listing the account itself reads. */
public final class ListUserInvitesService implements ListUserInvitesUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final InviteRepository invites;
    private final Clock clock;

    public ListUserInvitesService(
            Transactions transactions, UserRepository users, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public Page<Invite> listUserInvites(AccountListingQuery query) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            LocalUser owner = TargetAccounts.existing(users, query.account());
            return Keyset.page(
                    query.size(),
                    limit -> invites.listUsable(
                            owner.id(),
                            clock.instant(),
                            query.after().map(after -> new InviteId(after.lastId())),
                            limit),
                    invite -> invite.id().value());
        });
    }
}
