package guestlist.adapters.rest.json;

import guestlist.application.port.in.RegistrationResult;

/**
 * Register and log-in answers: Lemmy's {@code LoginResponse}. Guestlist never sends verification
 * e-mails, so {@code verify_email_sent} is always false.
 */
public record LoginResponse(String jwt, boolean registrationCreated, boolean verifyEmailSent) {

    public static LoginResponse from(RegistrationResult result) {
        return new LoginResponse(result.sessionToken().orElse(null), result.applicationCreated(), false);
    }

    public static LoginResponse loggedIn(String sessionToken) {
        return new LoginResponse(sessionToken, false, false);
    }
}
