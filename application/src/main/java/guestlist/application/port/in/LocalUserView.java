package guestlist.application.port.in;

import guestlist.domain.account.Ban;
import guestlist.domain.account.LocalUser;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as admins see it at one moment: whether a ban holds then, and until when.
 *
 * @param banExpiresAt the end of the ban that holds, for a ban that ends
 */
public record LocalUserView(LocalUser user, boolean banned, Optional<Instant> banExpiresAt) {

    public LocalUserView {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(banExpiresAt, "banExpiresAt");
    }

    /** The account as it stands at {@code now}: a ban past its end no longer counts. */
    public static LocalUserView of(LocalUser user, Instant now) {
        Optional<Ban> holding = user.activeBan(now);
        return new LocalUserView(user, holding.isPresent(), holding.flatMap(Ban::expiresAt));
    }
}
