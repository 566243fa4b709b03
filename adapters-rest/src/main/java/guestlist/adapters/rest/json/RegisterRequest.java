package guestlist.adapters.rest.json;

import guestlist.application.port.in.RegisterCommand;
import java.util.Optional;

/** The body of {@code POST /account/auth/register}; {@code token} is the invite. Lemmy's other fields are ignored. */
public record RegisterRequest(
        @Required String username,
        @Required String password,
        @Required String passwordVerify,
        String email,
        String answer,
        String token,
        String honeypot,
        Boolean stayLoggedIn) {

    public RegisterCommand toCommand() {
        return RegisterCommand.of(
                username,
                password,
                passwordVerify,
                Optional.ofNullable(email),
                Optional.ofNullable(answer),
                Optional.ofNullable(token),
                Optional.ofNullable(honeypot),
                Boolean.TRUE.equals(stayLoggedIn));
    }

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + ", password=***, email=" + email + "]";
    }
}
