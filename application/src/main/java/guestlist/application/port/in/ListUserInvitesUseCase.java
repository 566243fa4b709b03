package guestlist.application.port.in;

import guestlist.domain.invite.Invite;
import guestlist.domain.paging.Page;

/** Admins read an account's usable invites, newest first, as the account itself lists them. */
public interface ListUserInvitesUseCase {

    Page<Invite> listUserInvites(AccountListingQuery query);
}
