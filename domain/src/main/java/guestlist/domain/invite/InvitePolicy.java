package guestlist.domain.invite;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The one place that decides whether a member may create an invite now, from the site's settings,
 * the member's account and what the member did before. Admins may always; anyone else is checked
 * in this order:
 *
 * <table>
 *   <caption>checks</caption>
 *   <tr><th>check</th><th>refused with</th><th>asks storage</th></tr>
 *   <tr><td>the account is at least {@code invite_min_account_age_hours} old</td>
 *       <td>ACCOUNT_TOO_NEW_TO_INVITE</td><td>nothing</td></tr>
 *   <tr><td>it holds fewer usable invites than {@code max_invites_per_user_allowed}</td>
 *       <td>INVITE_CAP_REACHED</td><td>the usable invites it holds</td></tr>
 *   <tr><td>it created fewer than {@code invites_per_user_per_day} invites in the last 24 hours (when
 *       that is not 0)</td><td>INVITE_DAILY_LIMIT_REACHED</td><td>when it created the
 *       {@code invites_per_user_per_day}-th latest of its invites</td></tr>
 * </table>
 *
 * <p>The daily check asks for one instant, not a count: with a limit of n, the creator has created n
 * or more invites in the last 24 hours exactly when the n-th latest of its creations is less than
 * 24 hours old (creations are recorded in the order they happen, at instants that never go back),
 * and the n-th latest is one look-up however many the creator made. The refusal can then also say
 * when the next creation will be allowed: once that n-th latest is 24 hours old.
 *
 * <p>Storage is asked only when a check is reached, and only when its setting is on, so that the
 * caller's query runs only then. For the answers to hold under concurrent creations, the caller
 * serializes one creator's creations (storage locks the creator) around this check and the insert.
 */
public final class InvitePolicy {

    private InvitePolicy() {}

    /**
     * A member asking to create an invite.
     *
     * @param site         the site's settings as they are now
     * @param creator      the account as stored now (not as a session remembered it)
     * @param usableHeld        how many of the creator's invites are usable at {@code now}
     * @param nthLatestCreation for a given n (1 = the latest), when the creator created the n-th latest
     *                          of the invites it created, counting those deleted since (used up,
     *                          revoked, expired, swept); empty when it created fewer than n in the
     *                          last 24 hours or so (older creations may be forgotten)
     */
    public record Creation(
            LocalSite site,
            LocalUser creator,
            Instant now,
            LongSupplier usableHeld,
            IntFunction<Optional<Instant>> nthLatestCreation) {

        public Creation {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(creator, "creator");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(usableHeld, "usableHeld");
            Objects.requireNonNull(nthLatestCreation, "nthLatestCreation");
        }
    }

    /** Returns when the creator may create one more invite now; otherwise throws the {@link Refusal}. */
    public static void checkMayCreate(Creation creation) {
        LocalSite site = creation.site();
        LocalUser creator = creation.creator();
        if (creator.admin()) {
            return;
        }
        if (site.requiresInviteMinAccountAge()
                && creator.publishedAt().plus(site.inviteMinAccountAge()).isAfter(creation.now())) {
            throw new Refusal(
                    Rule.ACCOUNT_TOO_NEW_TO_INVITE,
                    "accounts younger than " + site.inviteMinAccountAgeHours()
                            + " hours may not create invites on this site");
        }
        int cap = site.maxInvitesPerUser();
        long usableHeld = creation.usableHeld().getAsLong();
        if (usableHeld >= cap) {
            throw new Refusal(
                    Rule.INVITE_CAP_REACHED,
                    cap == 0
                            ? "only admins may create invites on this site"
                            : "you already hold " + usableHeld + " usable invites, the most this site allows");
        }
        if (site.limitsInvitesPerDay()) {
            int daily = site.invitesPerUserPerDay();
            Instant since = creation.now().minus(LocalSite.QUOTA_WINDOW);
            Optional<Instant> oldestCounted =
                    creation.nthLatestCreation().apply(daily).filter(at -> at.isAfter(since));
            if (oldestCounted.isPresent()) {
                throw new Refusal(
                        Rule.INVITE_DAILY_LIMIT_REACHED,
                        "you have created this site's limit of " + daily + " invites in 24 hours;"
                                + " the next one may be created from "
                                + oldestCounted.get().plus(LocalSite.QUOTA_WINDOW));
            }
        }
    }

    /**
     * The figures behind every check of {@link #checkMayCreate} for this creator now, for showing a
     * member what is left: the usable invites held (counted for members only) and the creations of
     * the last 24 hours (counted only while the site limits them). The right to invite is the
     * account's own; an admin is {@linkplain InviteAllowance#unlimited() unlimited}.
     */
    public static InviteAllowance allowance(Creation creation) {
        LocalSite site = creation.site();
        LocalUser creator = creation.creator();
        Optional<String> disabled = creator.invitePermission().canInvite()
                ? Optional.empty()
                : Optional.of(creator.invitePermission().reason().orElse(""));
        if (creator.admin()) {
            return new InviteAllowance(
                    true,
                    site.maxInvitesPerUser(),
                    0,
                    site.invitesPerUserPerDay(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    disabled);
        }
        Instant oldEnough = creator.publishedAt().plus(site.inviteMinAccountAge());
        Optional<Instant> mayInviteFrom = site.requiresInviteMinAccountAge() && oldEnough.isAfter(creation.now())
                ? Optional.of(oldEnough)
                : Optional.empty();
        long usableHeld = creation.usableHeld().getAsLong();
        OptionalLong createdLastDay = site.limitsInvitesPerDay()
                ? OptionalLong.of(createdInTheLastDay(creation, site.invitesPerUserPerDay()))
                : OptionalLong.empty();
        return new InviteAllowance(
                false,
                site.maxInvitesPerUser(),
                usableHeld,
                site.invitesPerUserPerDay(),
                createdLastDay,
                mayInviteFrom,
                disabled);
    }

    /**
     * How many invites the creator created in the last 24 hours, up to {@code limit}: the largest n
     * whose n-th latest creation falls in the window, found by halving (each look-up may be a query).
     */
    private static long createdInTheLastDay(Creation creation, int limit) {
        Instant since = creation.now().minus(LocalSite.QUOTA_WINDOW);
        int within = 0;
        int atMost = limit;
        while (within < atMost) {
            int n = within + (atMost - within + 1) / 2;
            if (creation.nthLatestCreation()
                    .apply(n)
                    .filter(at -> at.isAfter(since))
                    .isPresent()) {
                within = n;
            } else {
                atMost = n - 1;
            }
        }
        return within;
    }
}
