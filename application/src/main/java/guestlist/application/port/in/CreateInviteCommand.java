package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * @param maxUses   empty = unlimited
 * @param expiresAt empty = never
 * @param comment   the creator's note on the invite; empty (or an empty text) = none
 */
public record CreateInviteCommand(
        LocalUser actor, Optional<Integer> maxUses, Optional<Instant> expiresAt, Optional<String> comment) {

    public CreateInviteCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(comment, "comment");
    }

    /** An invite without a comment. */
    public CreateInviteCommand(LocalUser actor, Optional<Integer> maxUses, Optional<Instant> expiresAt) {
        this(actor, maxUses, expiresAt, Optional.empty());
    }
}
