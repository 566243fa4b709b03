package guestlist.domain.registration;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import java.util.Objects;
import java.util.Optional;

/** What a registration that is not refused must do. */
public sealed interface RegistrationDecision {

    /**
     * The invite after this registration took its use (store it, or delete it when
     * {@link Invite#usedUp()}); empty when no invite was used.
     */
    Optional<Invite> redeemedInvite();

    /** The id of the user who invited the new account, when an invite was used. */
    default Optional<LocalUserId> invitedBy() {
        return redeemedInvite().map(Invite::creatorId);
    }

    /** Create an account that may log in at once. */
    record ActiveAccount(Optional<Invite> redeemedInvite) implements RegistrationDecision {
        public ActiveAccount {
            Objects.requireNonNull(redeemedInvite, "redeemedInvite");
        }
    }

    /**
     * Create an account that waits for an admin to decide its application; with an invite when the
     * site does not let invites skip the application (the invite's use is taken all the same).
     */
    record PendingApplication(String answer, Optional<Invite> redeemedInvite) implements RegistrationDecision {
        public PendingApplication {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(redeemedInvite, "redeemedInvite");
        }
    }
}
