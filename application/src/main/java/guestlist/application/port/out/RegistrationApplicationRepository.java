package guestlist.application.port.out;

import guestlist.domain.RegistrationApplication;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registration applications, at most one per account. */
public interface RegistrationApplicationRepository {

    /** @throws AlreadyStoredException when the account has an application already */
    RegistrationApplication add(long userId, String answer, Instant publishedAt);

    Optional<RegistrationApplication> findById(long id);

    Optional<RegistrationApplication> findByUserId(long userId);

    /** Writes the decision: admin, deny reason and update time. */
    void saveDecision(RegistrationApplication application);

    /**
     * Applications oldest (lowest id) first, only those with an id above {@code afterId} when
     * given, only undecided ones when {@code unreadOnly}, at most {@code limit}.
     */
    List<RegistrationApplication> list(boolean unreadOnly, Optional<Long> afterId, int limit);
}
