package guestlist.application.port.in;

/** Ends a session: its token stops working. */
public interface LogoutUseCase {

    void logout(String sessionToken);
}
