package guestlist.application.port.in;

import guestlist.domain.LocalUser;

/**
 * An admin reads the application of one account (person id = local user id); a
 * {@code NO_SUCH_APPLICATION} failure if none.
 */
public interface GetRegistrationApplicationUseCase {

    ApplicationView getApplication(LocalUser actor, long personId);
}
