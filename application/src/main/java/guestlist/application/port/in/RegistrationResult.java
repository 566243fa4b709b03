package guestlist.application.port.in;

import guestlist.domain.site.RegistrationMode;
import java.util.Objects;
import java.util.Optional;

/**
 * @param sessionToken        a session of the new account, when it may log in at once
 * @param applicationCreated  whether an application now waits for an admin
 * @param mode                the site's registration mode that the registration was decided under
 */
public record RegistrationResult(Optional<String> sessionToken, boolean applicationCreated, RegistrationMode mode) {

    public RegistrationResult {
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(mode, "mode");
    }
}
