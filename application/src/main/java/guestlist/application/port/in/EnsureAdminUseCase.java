package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.util.Optional;

/** At start: when no admin exists, creates this one. */
public interface EnsureAdminUseCase {

    /** @return the admin created, or empty when an admin existed already */
    Optional<LocalUser> ensureAdmin(Username name, Password password);
}
