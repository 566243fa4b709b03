package guestlist.domain.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An account about to be stored: everything of a {@link LocalUser} but the id. */
public record NewUser(
        Username name,
        Optional<EmailAddress> email,
        boolean admin,
        boolean acceptedApplication,
        Optional<LocalUserId> invitedBy,
        Instant publishedAt) {

    public NewUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    public LocalUser withId(LocalUserId id) {
        return new LocalUser(
                id,
                name,
                email,
                admin,
                acceptedApplication,
                invitedBy,
                publishedAt,
                Optional.empty(),
                InvitePermission.ALLOWED,
                0);
    }
}
