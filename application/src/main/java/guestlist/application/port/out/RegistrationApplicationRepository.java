package guestlist.application.port.out;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registration applications, at most one per account. */
public interface RegistrationApplicationRepository {

    /** @throws AlreadyStoredException when the account has an application already */
    RegistrationApplication add(LocalUserId userId, String answer, Instant publishedAt);

    Optional<RegistrationApplication> findById(ApplicationId id);

    Optional<RegistrationApplication> findByUserId(LocalUserId userId);

    /** Writes the decision: admin, deny reason and update time. */
    void saveDecision(RegistrationApplication application);

    /**
     * Applications oldest (lowest id) first, only those with an id above {@code afterId} when
     * given, only undecided ones when {@code unreadOnly}, at most {@code limit}.
     */
    List<RegistrationApplication> list(boolean unreadOnly, Optional<ApplicationId> afterId, int limit);
}
