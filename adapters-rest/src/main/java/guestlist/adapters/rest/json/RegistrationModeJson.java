package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.site.RegistrationMode;

/** Registration modes as Lemmy's API spells them: {@code open}, {@code require_application}, ... */
public final class RegistrationModeJson {

    private RegistrationModeJson() {}

    /** The mode's name on the wire, e.g. {@code require_invitation}. */
    public static String name(RegistrationMode mode) {
        return switch (mode) {
            case OPEN -> "open";
            case REQUIRE_APPLICATION -> "require_application";
            case REQUIRE_INVITATION -> "require_invitation";
            case CLOSED -> "closed";
        };
    }

    /** The mode of a name on the wire; any other text is a {@code bad_request}. */
    public static RegistrationMode parse(String name) {
        for (RegistrationMode mode : RegistrationMode.values()) {
            if (name(mode).equals(name)) {
                return mode;
            }
        }
        throw new RequestRefusal(
                RequestError.BAD_REQUEST,
                "registration_mode must be one of open, require_application, require_invitation, closed");
    }
}
