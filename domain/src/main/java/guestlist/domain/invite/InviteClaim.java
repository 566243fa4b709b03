package guestlist.domain.invite;

import guestlist.domain.account.LocalUser;
import java.util.Objects;
import java.util.Optional;

/** What a registration brings by way of invite: nothing, or a token and the invite it names, if any. */
public sealed interface InviteClaim {

    /** The registration gave no invite token. */
    record None() implements InviteClaim {}

    /**
     * The registration gave a token; {@code invite} is what it names in storage right now (empty
     * when the token is unknown, revoked or malformed), and {@code creator} the account of the
     * invite's creator as it stands right now, when it was read (a banned creator's invite admits
     * nobody).
     */
    record Presented(Optional<Invite> invite, Optional<LocalUser> creator) implements InviteClaim {
        public Presented {
            Objects.requireNonNull(invite, "invite");
            Objects.requireNonNull(creator, "creator");
            if (creator.isPresent()
                    && !invite.map(named ->
                                    named.creatorId().equals(creator.get().id()))
                            .orElse(false)) {
                throw new IllegalArgumentException("the creator given is not the invite's creator");
            }
        }
    }

    static InviteClaim none() {
        return new None();
    }

    /** A token naming {@code invite} (or nothing), its creator's standing not looked at. */
    static InviteClaim presented(Optional<Invite> invite) {
        return new Presented(invite, Optional.empty());
    }

    /** A token naming {@code invite}, whose creator's account is {@code creator} as it stands now. */
    static InviteClaim presented(Invite invite, LocalUser creator) {
        return new Presented(Optional.of(invite), Optional.of(creator));
    }
}
