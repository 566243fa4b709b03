package guestlist.domain.registration;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import java.util.Objects;
import java.util.Optional;

/** What a registration that is not refused must do. */
public sealed interface RegistrationDecision {

    /**
     * Create an account that may log in at once.
     *
     * @param redeemedInvite the invite after this registration took its use (store it, or delete it
     *                       when {@link Invite#usedUp()}); empty when no invite was used
     */
    record ActiveAccount(Optional<Invite> redeemedInvite) implements RegistrationDecision {
        public ActiveAccount {
            Objects.requireNonNull(redeemedInvite, "redeemedInvite");
        }

        /** The id of the user who invited the new account, when an invite was used. */
        public Optional<LocalUserId> invitedBy() {
            return redeemedInvite.map(Invite::creatorId);
        }
    }

    /** Create an account that waits for an admin to decide its application. */
    record PendingApplication(String answer) implements RegistrationDecision {
        public PendingApplication {
            Objects.requireNonNull(answer, "answer");
        }
    }
}
