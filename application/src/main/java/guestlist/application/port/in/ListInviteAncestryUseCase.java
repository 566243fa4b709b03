package guestlist.application.port.in;

import guestlist.domain.paging.Page;

/**
 * Admins read who brought an account in: its inviter, that one's inviter, and so on up to an
 * account that joined without an invite, nearest first, one page at a time.
 */
public interface ListInviteAncestryUseCase {

    Page<LocalUserView> listInviteAncestry(AccountListingQuery query);
}
