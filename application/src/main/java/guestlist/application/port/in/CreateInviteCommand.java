package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * @param maxUses   empty = unlimited
 * @param expiresAt empty = never
 */
public record CreateInviteCommand(LocalUser actor, Optional<Integer> maxUses, Optional<Instant> expiresAt) {

    public CreateInviteCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
