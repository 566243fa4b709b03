package guestlist.application.service;

import guestlist.application.port.in.ListInvitesQuery;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.paging.Keyset;
import guestlist.domain.paging.Page;
import java.time.Clock;

/** A user's own usable invites, newest first, one keyset page at a time. */
public final class ListInvitesService implements ListInvitesUseCase {

    private final Transactions transactions;
    private final InviteRepository invites;
    private final Clock clock;

    public ListInvitesService(Transactions transactions, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public Page<Invite> listInvites(ListInvitesQuery query) {
        return Keyset.page(
                query.size(),
                limit -> transactions.read(() -> invites.listUsable(
                        query.actor().id(),
                        clock.instant(),
                        query.after().map(after -> new InviteId(after.lastId())),
                        limit)),
                invite -> invite.id().value());
    }
}
