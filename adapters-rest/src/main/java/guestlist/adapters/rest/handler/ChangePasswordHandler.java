package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.ChangePasswordRequest;
import guestlist.adapters.rest.json.LoginResponse;
import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.domain.account.LocalUser;

/**
 * {@code PUT /account/auth/change_password}: {@code new_password}, {@code new_password_verify},
 * {@code old_password}, {@code stay_logged_in}?. Answers as log-in does, with the token of a new
 * session: every session of the account has ended, the one that asked included. The new token is
 * also set as the session cookie of the pages.
 */
public final class ChangePasswordHandler implements ApiHandler {

    private final ChangePasswordUseCase changePassword;

    public ChangePasswordHandler(ChangePasswordUseCase changePassword) {
        this.changePassword = changePassword;
    }

    @Override
    public LoginResponse handle(ApiRequest request) {
        LocalUser actor = request.actor();
        ChangePasswordCommand command =
                request.body(ChangePasswordRequest.class).toCommand(actor, request.sessionToken());
        String session = changePassword.changePassword(command);
        request.startSessionCookie(session, command.stayLoggedIn());
        return LoginResponse.loggedIn(session);
    }
}
