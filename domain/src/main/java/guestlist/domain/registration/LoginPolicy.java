package guestlist.domain.registration;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.RegistrationApplication;
import java.time.Instant;
import java.util.Optional;

/** Whether an account whose password was just verified may have a session. */
public final class LoginPolicy {

    private LoginPolicy() {}

    /**
     * A banned account may not log in while its ban holds ({@link Rule#ACCOUNT_BANNED}, with the
     * reason and the end). An account that is not accepted may not log in: while its application is undecided
     * ({@link Rule#APPLICATION_PENDING}) or after it was denied
     * ({@link Rule#APPLICATION_DENIED}, with the reason).
     */
    public static void checkMayLogIn(LocalUser user, Optional<RegistrationApplication> application, Instant now) {
        user.requireNotBanned(now);
        if (user.acceptedApplication()) {
            return;
        }
        RegistrationApplication pending = application.orElseThrow(
                () -> new Refusal(Rule.APPLICATION_PENDING, "your registration application is pending"));
        if (pending.unread()) {
            throw new Refusal(Rule.APPLICATION_PENDING, "your registration application is pending");
        }
        throw new Refusal(
                Rule.APPLICATION_DENIED,
                pending.denyReason()
                        .map(reason -> "your registration application was denied: " + reason)
                        .orElse("your registration application was denied"));
    }
}
