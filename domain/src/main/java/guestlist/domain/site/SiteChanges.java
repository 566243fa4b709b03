package guestlist.domain.site;

import java.util.Objects;
import java.util.Optional;

/** What an admin asks to change on the site; empty = unchanged. A blank question clears it. */
public record SiteChanges(
        Optional<String> name,
        Optional<RegistrationMode> registrationMode,
        Optional<String> applicationQuestion,
        Optional<Integer> maxInvitesPerUser) {

    public SiteChanges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registrationMode, "registrationMode");
        Objects.requireNonNull(applicationQuestion, "applicationQuestion");
        Objects.requireNonNull(maxInvitesPerUser, "maxInvitesPerUser");
    }

    public static SiteChanges none() {
        return new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
