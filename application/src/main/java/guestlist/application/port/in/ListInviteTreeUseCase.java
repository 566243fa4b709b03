package guestlist.application.port.in;

import guestlist.domain.paging.Page;

/**
 * Admins read the invite branch below an account (not the account itself): every account whose
 * chain of inviters reaches it, breadth first, then by id, one page at a time.
 */
public interface ListInviteTreeUseCase {

    Page<InviteTreeMember> listInviteTree(AccountListingQuery query);
}
