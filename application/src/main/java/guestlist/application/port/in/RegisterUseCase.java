package guestlist.application.port.in;

/** Signs up a new account under the site's registration mode. */
public interface RegisterUseCase {

    RegistrationResult register(RegisterCommand command);
}
