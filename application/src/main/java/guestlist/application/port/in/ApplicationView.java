package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.application.RegistrationApplication;
import java.util.Objects;
import java.util.Optional;

/** An application with the account that made it and the admin who last decided it. */
public record ApplicationView(RegistrationApplication application, LocalUser creator, Optional<LocalUser> admin) {

    public ApplicationView {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(admin, "admin");
    }
}
