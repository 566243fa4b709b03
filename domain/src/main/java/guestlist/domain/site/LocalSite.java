package guestlist.domain.site;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The site and its registration settings. There is one per installation.
 *
 * @param maxInvitesPerUser how many usable invites a non-admin may hold at once; 0 = only admins invite
 */
public record LocalSite(
        long id,
        String name,
        RegistrationMode registrationMode,
        Optional<String> applicationQuestion,
        int maxInvitesPerUser,
        Instant publishedAt) {

    public static final int DEFAULT_MAX_INVITES_PER_USER = 10;
    public static final int MAX_INVITES_PER_USER_LIMIT = 1_000_000;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_APPLICATION_QUESTION_LENGTH = 10_000;

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
    }

    /** A new site as it is first set up: mode {@code require_application}, cap 10. */
    public static LocalSite initial(String name, Instant now) {
        return new LocalSite(
                1, name, RegistrationMode.REQUIRE_APPLICATION, Optional.empty(), DEFAULT_MAX_INVITES_PER_USER, now);
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
                publishedAt);
    }

    /**
     * The per-user cap: refuses with {@link Rule#INVITE_CAP_REACHED} when a non-admin who
     * already holds {@code usableHeld} usable invites asks for one more. Admins are never capped
     * (and their invites are not even counted).
     */
    public void checkInviteAllowance(LocalUser creator, LongSupplier usableHeldCounter) {
        if (creator.admin()) {
            return;
        }
        long usableHeld = usableHeldCounter.getAsLong();
        if (usableHeld >= maxInvitesPerUser) {
            throw new Refusal(
                    Rule.INVITE_CAP_REACHED,
                    maxInvitesPerUser == 0
                            ? "only admins may create invites on this site"
                            : "you already hold " + usableHeld + " usable invites, the most this site allows");
        }
    }
}
