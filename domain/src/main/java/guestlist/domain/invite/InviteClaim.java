package guestlist.domain.invite;

import java.util.Objects;
import java.util.Optional;

/** What a registration brings by way of invite: nothing, or a token and the invite it names, if any. */
public sealed interface InviteClaim {

    /** The registration gave no invite token. */
    record None() implements InviteClaim {}

    /**
     * The registration gave a token; {@code invite} is what it names in storage right now (empty
     * when the token is unknown, revoked or malformed).
     */
    record Presented(Optional<Invite> invite) implements InviteClaim {
        public Presented {
            Objects.requireNonNull(invite, "invite");
        }
    }

    static InviteClaim none() {
        return new None();
    }

    static InviteClaim presented(Optional<Invite> invite) {
        return new Presented(invite);
    }
}
