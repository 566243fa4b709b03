package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import java.util.Objects;

/**
 * A change of one's own password, asked for in a live session, whose new password has the right
 * shape and was typed twice alike.
 *
 * @param actor        the account of the session that asks
 * @param sessionToken that session's token: it must still be live when the change is stored, and
 *                     it ends with the change, as every other session of the account
 * @param oldPassword  the current password as typed, to be verified against the stored hash
 * @param stayLoggedIn the new session lasts until log-out instead of one week
 */
public record ChangePasswordCommand(
        LocalUser actor, String sessionToken, Password newPassword, String oldPassword, boolean stayLoggedIn) {

    public ChangePasswordCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(newPassword, "newPassword");
        Objects.requireNonNull(oldPassword, "oldPassword");
    }

    /**
     * Checks a form as typed, in this order: the new password's length, then that it was repeated
     * alike (as registration does); the old password is the service's to verify.
     */
    public static ChangePasswordCommand of(
            LocalUser actor,
            String sessionToken,
            String newPassword,
            String newPasswordVerify,
            String oldPassword,
            boolean stayLoggedIn) {
        return new ChangePasswordCommand(
                actor, sessionToken, Password.chosen(newPassword, newPasswordVerify), oldPassword, stayLoggedIn);
    }

    @Override
    public String toString() {
        return "ChangePasswordCommand[actor=" + actor.id() + ", sessionToken=***, newPassword=***, oldPassword=***,"
                + " stayLoggedIn=" + stayLoggedIn + "]";
    }
}
