package guestlist.domain.site;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The site and its registration settings. There is one per installation.
 *
 * @param maxInvitesPerUser        how many usable invites a non-admin may hold at once; 0 = only admins invite
 * @param inviteMinAccountAgeHours how old a non-admin's account must be before it creates invites; 0 = any age
 * @param invitesPerUserPerDay     how many invites a non-admin may create in {@link #QUOTA_WINDOW}; 0 = no limit
 * @param inviteSignupsPerDay      how many accounts may join through invites in {@link #QUOTA_WINDOW},
 *                                 site-wide; 0 = no limit
 * @param invitesSkipApplication   whether a usable invite lets a newcomer skip the application in
 *                                 {@code require_application} mode
 */
public record LocalSite(
        long id,
        String name,
        RegistrationMode registrationMode,
        Optional<String> applicationQuestion,
        int maxInvitesPerUser,
        int inviteMinAccountAgeHours,
        int invitesPerUserPerDay,
        int inviteSignupsPerDay,
        boolean invitesSkipApplication,
        Instant publishedAt) {

    public static final int DEFAULT_MAX_INVITES_PER_USER = 10;
    public static final int MAX_INVITES_PER_USER_LIMIT = 1_000_000;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_APPLICATION_QUESTION_LENGTH = 10_000;
    /** A year. */
    public static final int MAX_INVITE_MIN_ACCOUNT_AGE_HOURS = 8_760;

    public static final int MAX_INVITES_PER_USER_PER_DAY = 1_000;
    public static final int MAX_INVITE_SIGNUPS_PER_DAY = 1_000_000;

    /** The "day" of the daily limits: the rolling 24 hours before now. */
    public static final Duration QUOTA_WINDOW = Duration.ofHours(24);

    public LocalSite {
        Objects.requireNonNull(registrationMode, "registrationMode");
        Objects.requireNonNull(applicationQuestion, "applicationQuestion");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new Refusal(
                    Rule.SITE_NAME_LENGTH, "name must be 1 to " + MAX_NAME_LENGTH + " characters and not blank");
        }
        if (maxInvitesPerUser < 0 || maxInvitesPerUser > MAX_INVITES_PER_USER_LIMIT) {
            throw new Refusal(
                    Rule.SITE_INVITE_CAP_RANGE,
                    "max_invites_per_user_allowed must be between 0 and " + MAX_INVITES_PER_USER_LIMIT);
        }
        if (applicationQuestion
                .map(q -> q.length() > MAX_APPLICATION_QUESTION_LENGTH)
                .orElse(false)) {
            throw new Refusal(
                    Rule.SITE_QUESTION_LENGTH,
                    "application_question must be at most " + MAX_APPLICATION_QUESTION_LENGTH + " characters");
        }
        if (inviteMinAccountAgeHours < 0 || inviteMinAccountAgeHours > MAX_INVITE_MIN_ACCOUNT_AGE_HOURS) {
            throw new Refusal(
                    Rule.SITE_INVITE_MIN_ACCOUNT_AGE_RANGE,
                    "invite_min_account_age_hours must be between 0 and " + MAX_INVITE_MIN_ACCOUNT_AGE_HOURS);
        }
        if (invitesPerUserPerDay < 0 || invitesPerUserPerDay > MAX_INVITES_PER_USER_PER_DAY) {
            throw new Refusal(
                    Rule.SITE_INVITES_PER_DAY_RANGE,
                    "invites_per_user_per_day must be between 0 and " + MAX_INVITES_PER_USER_PER_DAY);
        }
        if (inviteSignupsPerDay < 0 || inviteSignupsPerDay > MAX_INVITE_SIGNUPS_PER_DAY) {
            throw new Refusal(
                    Rule.SITE_INVITE_SIGNUPS_PER_DAY_RANGE,
                    "invite_signups_per_day must be between 0 and " + MAX_INVITE_SIGNUPS_PER_DAY);
        }
    }

    /**
     * A new site as it is first set up: mode {@code require_application}, cap 10, no invite quota
     * (no minimum account age, no daily limits), and an invite skips the application.
     */
    public static LocalSite initial(String name, Instant now) {
        return new LocalSite(
                1,
                name,
                RegistrationMode.REQUIRE_APPLICATION,
                Optional.empty(),
                DEFAULT_MAX_INVITES_PER_USER,
                0,
                0,
                0,
                true,
                now);
    }

    /** This site with the given changes applied; absent values stay as they are. */
    public LocalSite edit(SiteChanges changes) {
        return new LocalSite(
                id,
                changes.name().orElse(name),
                changes.registrationMode().orElse(registrationMode),
                changes.applicationQuestion().isPresent()
                        ? changes.applicationQuestion().filter(q -> !q.isBlank())
                        : applicationQuestion,
                changes.maxInvitesPerUser().orElse(maxInvitesPerUser),
                changes.inviteMinAccountAgeHours().orElse(inviteMinAccountAgeHours),
                changes.invitesPerUserPerDay().orElse(invitesPerUserPerDay),
                changes.inviteSignupsPerDay().orElse(inviteSignupsPerDay),
                changes.invitesSkipApplication().orElse(invitesSkipApplication),
                publishedAt);
    }

    /** Whether a non-admin's account must reach an age before it creates invites. */
    public boolean requiresInviteMinAccountAge() {
        return inviteMinAccountAgeHours > 0;
    }

    /** The youngest a non-admin's account may be and still create invites. */
    public Duration inviteMinAccountAge() {
        return Duration.ofHours(inviteMinAccountAgeHours);
    }

    /** Whether members' invite creations are limited per {@link #QUOTA_WINDOW}. */
    public boolean limitsInvitesPerDay() {
        return invitesPerUserPerDay > 0;
    }

    /** Whether sign-ups through invites are limited per {@link #QUOTA_WINDOW}, site-wide. */
    public boolean limitsInviteSignupsPerDay() {
        return inviteSignupsPerDay > 0;
    }
}
