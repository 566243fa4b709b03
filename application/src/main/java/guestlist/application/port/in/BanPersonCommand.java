package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.ModerationReason;
import guestlist.domain.account.PersonId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin bans a person, or lifts its ban (Lemmy's {@code banPerson}), with Guestlist's
 * {@code includeInvitees}: the same to every account of the person's invite branch.
 *
 * @param reason    why, at most {@value ModerationReason#MAX_LENGTH} characters (checked here)
 * @param expiresAt when a ban ends by itself; empty = never. Ignored when lifting a ban.
 */
public record BanPersonCommand(
        LocalUser actor,
        PersonId personId,
        boolean ban,
        String reason,
        Optional<Instant> expiresAt,
        boolean includeInvitees) {

    public BanPersonCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(personId, "personId");
        ModerationReason.check(reason);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
