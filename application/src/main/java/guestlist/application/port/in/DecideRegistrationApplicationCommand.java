package guestlist.application.port.in;

import guestlist.domain.LocalUser;

import java.util.Objects;
import java.util.Optional;

public record DecideRegistrationApplicationCommand(LocalUser actor, long applicationId, boolean approve,
                                                   Optional<String> denyReason) {

    public DecideRegistrationApplicationCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(denyReason, "denyReason");
    }
}
