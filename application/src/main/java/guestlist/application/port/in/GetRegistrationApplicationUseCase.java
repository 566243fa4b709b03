package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;
import guestlist.domain.account.PersonId;

/**
 * An admin reads the application of one account (a person has the number of its account); a
 * {@code NO_SUCH_APPLICATION} failure if none.
 */
public interface GetRegistrationApplicationUseCase {

    ApplicationView getApplication(LocalUser actor, PersonId personId);
}
