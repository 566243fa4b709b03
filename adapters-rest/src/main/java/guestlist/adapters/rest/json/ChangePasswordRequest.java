package guestlist.adapters.rest.json;

import guestlist.application.port.in.ChangePasswordCommand;
import guestlist.domain.account.LocalUser;

/** The body of {@code PUT /account/auth/change_password} (Lemmy's {@code ChangePassword}). */
public record ChangePasswordRequest(
        @Required String newPassword,
        @Required String newPasswordVerify,
        @Required String oldPassword,
        Boolean stayLoggedIn) {

    public ChangePasswordCommand toCommand(LocalUser actor, String sessionToken) {
        return ChangePasswordCommand.of(
                actor, sessionToken, newPassword, newPasswordVerify, oldPassword, Boolean.TRUE.equals(stayLoggedIn));
    }

    @Override
    public String toString() {
        return "ChangePasswordRequest[newPassword=***, newPasswordVerify=***, oldPassword=***, stayLoggedIn="
                + stayLoggedIn + "]";
    }
}
