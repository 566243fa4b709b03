package guestlist.adapters.rest.json;

import guestlist.application.port.in.LoginCommand;

/** The body of {@code POST /account/auth/login}. */
public record LoginRequest(
        @Required String usernameOrEmail, @Required String password, Boolean stayLoggedIn) {

    public LoginCommand toCommand() {
        return new LoginCommand(usernameOrEmail, password, Boolean.TRUE.equals(stayLoggedIn));
    }

    @Override
    public String toString() {
        return "LoginRequest[usernameOrEmail=" + usernameOrEmail + ", password=***, stayLoggedIn=" + stayLoggedIn + "]";
    }
}
