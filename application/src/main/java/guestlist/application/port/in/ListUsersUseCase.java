package guestlist.application.port.in;

import guestlist.domain.paging.Page;

/** Admins read the accounts, newest or oldest first, one keyset page at a time. */
public interface ListUsersUseCase {

    /**
     * @throws UseCaseFailure {@code NO_SUCH_ACCOUNT} when the inviter the query names does not exist
     */
    Page<LocalUserView> listUsers(ListUsersQuery query);
}
