package guestlist.application.port.in;

import guestlist.domain.invite.Invite;
import guestlist.domain.paging.Page;

/** A member's own usable invites, newest first, one page at a time. */
public interface ListInvitesUseCase {

    Page<Invite> listInvites(ListInvitesQuery query);
}
