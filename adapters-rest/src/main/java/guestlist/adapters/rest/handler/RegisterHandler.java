package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.LoginResponse;
import guestlist.adapters.rest.json.RegisterRequest;
import guestlist.application.port.in.RegisterCommand;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.in.RegistrationResult;

/**
 * {@code POST /account/auth/register}: {@code username}, {@code password}, {@code password_verify},
 * {@code email}?, {@code answer}?, {@code token}? (the invite), {@code honeypot}?, {@code stay_logged_in}?.
 * Lemmy's other fields (captcha, show_nsfw) are ignored. An account logged in at once also gets the
 * session cookie of the pages.
 */
public final class RegisterHandler implements ApiHandler {

    private final RegisterUseCase register;

    public RegisterHandler(RegisterUseCase register) {
        this.register = register;
    }

    @Override
    public LoginResponse handle(ApiRequest request) {
        RegisterCommand command = request.body(RegisterRequest.class).toCommand();
        RegistrationResult result = register.register(command);
        result.sessionToken().ifPresent(session -> request.startSessionCookie(session, command.stayLoggedIn()));
        return LoginResponse.from(result);
    }
}
