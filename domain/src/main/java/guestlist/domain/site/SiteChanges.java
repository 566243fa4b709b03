package guestlist.domain.site;

import java.util.Objects;
import java.util.Optional;

/**
 * What an admin asks to change on the site; empty = unchanged. A blank question clears it. Each
 * value is checked when the changes are applied ({@link LocalSite#edit}), by the site's rules.
 */
public record SiteChanges(
        Optional<String> name,
        Optional<RegistrationMode> registrationMode,
        Optional<String> applicationQuestion,
        Optional<Integer> maxInvitesPerUser,
        Optional<Integer> inviteMinAccountAgeHours,
        Optional<Integer> invitesPerUserPerDay,
        Optional<Integer> inviteSignupsPerDay,
        Optional<Boolean> invitesSkipApplication) {

    public SiteChanges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registrationMode, "registrationMode");
        Objects.requireNonNull(applicationQuestion, "applicationQuestion");
        Objects.requireNonNull(maxInvitesPerUser, "maxInvitesPerUser");
        Objects.requireNonNull(inviteMinAccountAgeHours, "inviteMinAccountAgeHours");
        Objects.requireNonNull(invitesPerUserPerDay, "invitesPerUserPerDay");
        Objects.requireNonNull(inviteSignupsPerDay, "inviteSignupsPerDay");
        Objects.requireNonNull(invitesSkipApplication, "invitesSkipApplication");
    }

    /** Changes of the registration settings only; the invite quotas stay as they are. */
    public SiteChanges(
            Optional<String> name,
            Optional<RegistrationMode> registrationMode,
            Optional<String> applicationQuestion,
            Optional<Integer> maxInvitesPerUser) {
        this(
                name,
                registrationMode,
                applicationQuestion,
                maxInvitesPerUser,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public static SiteChanges none() {
        return new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These changes, and the minimum account age for creating invites set to {@code hours}. */
    public SiteChanges withInviteMinAccountAgeHours(int hours) {
        return new SiteChanges(
                name,
                registrationMode,
                applicationQuestion,
                maxInvitesPerUser,
                Optional.of(hours),
                invitesPerUserPerDay,
                inviteSignupsPerDay,
                invitesSkipApplication);
    }

    /** These changes, and the per-member daily invite limit set to {@code invites}. */
    public SiteChanges withInvitesPerUserPerDay(int invites) {
        return new SiteChanges(
                name,
                registrationMode,
                applicationQuestion,
                maxInvitesPerUser,
                inviteMinAccountAgeHours,
                Optional.of(invites),
                inviteSignupsPerDay,
                invitesSkipApplication);
    }

    /** These changes, and the site-wide daily limit of sign-ups through invites set to {@code signups}. */
    public SiteChanges withInviteSignupsPerDay(int signups) {
        return new SiteChanges(
                name,
                registrationMode,
                applicationQuestion,
                maxInvitesPerUser,
                inviteMinAccountAgeHours,
                invitesPerUserPerDay,
                Optional.of(signups),
                invitesSkipApplication);
    }

    /** These changes, and whether an invite skips the application set to {@code skip}. */
    public SiteChanges withInvitesSkipApplication(boolean skip) {
        return new SiteChanges(
                name,
                registrationMode,
                applicationQuestion,
                maxInvitesPerUser,
                inviteMinAccountAgeHours,
                invitesPerUserPerDay,
                inviteSignupsPerDay,
                Optional.of(skip));
    }
}
