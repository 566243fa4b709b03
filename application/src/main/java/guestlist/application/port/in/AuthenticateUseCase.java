package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;

/** Who a session token belongs to; also what {@code GET /account} shows. */
public interface AuthenticateUseCase {

    /** The account of a live session, or a {@code NOT_LOGGED_IN} failure. */
    LocalUser authenticate(String sessionToken);
}
