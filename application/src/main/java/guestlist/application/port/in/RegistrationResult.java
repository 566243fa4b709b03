package guestlist.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * @param sessionToken        a session of the new account, when it may log in at once
 * @param applicationCreated  whether an application now waits for an admin
 */
public record RegistrationResult(Optional<String> sessionToken, boolean applicationCreated) {

    public RegistrationResult {
        Objects.requireNonNull(sessionToken, "sessionToken");
    }
}
