package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account. Its person (the public face: id, name, date) shares its id.
 *
 * @param invitedBy the local user whose invite brought this account in; empty when it registered
 *                  without one, or when the inviter's account was deleted
 */
public record LocalUser(
        LocalUserId id,
        Username name,
        Optional<EmailAddress> email,
        boolean admin,
        boolean acceptedApplication,
        Optional<LocalUserId> invitedBy,
        Instant publishedAt) {

    public LocalUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** The id of this account's person, its public face. */
    public PersonId personId() {
        return id.person();
    }

    /** Refuses with {@link Rule#ADMIN_ONLY} unless this user is an admin. */
    public LocalUser requireAdmin() {
        if (!admin) {
            throw new Refusal(Rule.ADMIN_ONLY, "only an admin may do this");
        }
        return this;
    }

    /** The same account with its application approved (or, with {@code false}, not yet approved). */
    public LocalUser withAcceptedApplication(boolean accepted) {
        return new LocalUser(id, name, email, admin, accepted, invitedBy, publishedAt);
    }
}
