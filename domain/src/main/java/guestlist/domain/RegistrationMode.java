package guestlist.domain;

import java.util.Arrays;
import java.util.Locale;

/** Who may register on the site. Exactly one is in force at a time. */
public enum RegistrationMode {
    OPEN,
    REQUIRE_APPLICATION,
    REQUIRE_INVITATION,
    CLOSED;

    /** The mode as it appears on the wire, e.g. {@code require_invitation}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a wire name; an unknown name is a {@link Rule#REGISTRATION_MODE_NAME} refusal. */
    public static RegistrationMode fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(mode -> mode.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new Refusal(Rule.REGISTRATION_MODE_NAME,
                        "registration_mode must be one of open, require_application, require_invitation, closed"));
    }
}
