package guestlist.application.port.in;

/** An admin approves or denies an application; a later decision replaces an earlier one. */
public interface DecideRegistrationApplicationUseCase {

    ApplicationView decide(DecideRegistrationApplicationCommand command);
}
