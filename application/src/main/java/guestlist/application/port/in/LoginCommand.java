package guestlist.application.port.in;

import java.util.Objects;

/** @param stayLoggedIn the session lasts until log-out instead of one week */
public record LoginCommand(String usernameOrEmail, String password, boolean stayLoggedIn) {

    public LoginCommand {
        Objects.requireNonNull(usernameOrEmail, "usernameOrEmail");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LoginCommand[usernameOrEmail=" + usernameOrEmail + ", password=***, stayLoggedIn=" + stayLoggedIn + "]";
    }
}
