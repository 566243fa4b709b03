package guestlist.application.port.in;

/** Opens a session for an account by its name or e-mail address and its password. */
public interface LoginUseCase {

    /** @return the session token, shown only this once */
    String login(LoginCommand command);
}
