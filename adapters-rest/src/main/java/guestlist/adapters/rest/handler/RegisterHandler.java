package guestlist.adapters.rest.handler;

import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import guestlist.adapters.rest.http.JsonBody;
import guestlist.adapters.rest.json.LoginResponse;
import guestlist.application.port.in.RegisterCommand;
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
        JsonBody body = request.body();
        String username = body.requiredString("username");
        String password = body.requiredString("password");
        String passwordVerify = body.requiredString("password_verify");
        RegisterCommand command = RegisterCommand.of(username, password, passwordVerify,
                body.optionalString("email"), body.optionalString("answer"), body.optionalString("token"),
                body.optionalString("honeypot"), body.optionalBoolean("stay_logged_in").orElse(false));
        return LoginResponse.from(register.register(command));
    }
}
