package guestlist.domain.site;

/** Who may register on the site. Exactly one is in force at a time. */
public enum RegistrationMode {
    OPEN,
    REQUIRE_APPLICATION,
    REQUIRE_INVITATION,
    CLOSED
}
