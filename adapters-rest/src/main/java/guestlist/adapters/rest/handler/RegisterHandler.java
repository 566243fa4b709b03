package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.json.LoginResponse;
import guestlist.adapters.rest.json.RegisterRequest;
import guestlist.application.port.in.RegisterUseCase;

/**
 * {@code POST /account/auth/register}: {@code username}, {@code password}, {@code password_verify},
 * {@code email}?, {@code answer}?, {@code token}? (the invite), {@code honeypot}?, {@code stay_logged_in}?.
 * Lemmy's other fields (captcha, show_nsfw) are ignored.
 */
public final class RegisterHandler implements ApiHandler {

    private final RegisterUseCase register;

    public RegisterHandler(RegisterUseCase register) {
        this.register = register;
    }

    @Override
    public LoginResponse handle(ApiRequest request) {
        return LoginResponse.from(
                register.register(request.body(RegisterRequest.class).toCommand()));
    }
}
