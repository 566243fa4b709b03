package guestlist.adapters.rest.json;

import guestlist.application.port.in.ApplicationView;

/** Lemmy's {@code RegistrationApplicationResponse}. */
public record RegistrationApplicationResponse(RegistrationApplicationViewJson registrationApplication) {

    public static RegistrationApplicationResponse from(ApplicationView view) {
        return new RegistrationApplicationResponse(RegistrationApplicationViewJson.from(view));
    }
}
