package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.LoginRequest;
import guestlist.adapters.rest.json.LoginResponse;
import guestlist.application.port.in.LoginCommand;
import guestlist.application.port.in.LoginUseCase;

/**
 * {@code POST /account/auth/login}: {@code username_or_email}, {@code password}, {@code stay_logged_in}?.
 * The session's token is answered, and set as the session cookie of the pages.
 */
public final class LoginHandler implements ApiHandler {

    private final LoginUseCase login;

    public LoginHandler(LoginUseCase login) {
        this.login = login;
    }

    @Override
    public LoginResponse handle(ApiRequest request) {
        LoginCommand command = request.body(LoginRequest.class).toCommand();
        String session = login.login(command);
        request.startSessionCookie(session, command.stayLoggedIn());
        return LoginResponse.loggedIn(session);
    }
}
