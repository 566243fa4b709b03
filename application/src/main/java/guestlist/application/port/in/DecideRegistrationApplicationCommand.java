package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import java.util.Objects;
import java.util.Optional;

public record DecideRegistrationApplicationCommand(
        LocalUser actor, ApplicationId applicationId, boolean approve, Optional<String> denyReason) {

    public DecideRegistrationApplicationCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(denyReason, "denyReason");
    }
}
