package guestlist.domain.invite;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

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
 *       that is not 0)</td><td>INVITE_DAILY_LIMIT_REACHED</td><td>the invites it created since</td></tr>
 * </table>
 *
 * <p>A count is asked for only when its check is reached, and only when its setting is on, so that
 * the caller's query runs only then. For the counts to hold under concurrent creations, the caller
 * serializes one creator's creations (storage locks the creator) around this check and the insert.
 */
public final class InvitePolicy {

    private InvitePolicy() {}

    /**
     * A member asking to create an invite.
     *
     * @param site         the site's settings as they are now
     * @param creator      the account as stored now (not as a session remembered it)
     * @param usableHeld   how many of the creator's invites are usable at {@code now}
     * @param createdSince how many invites the creator created strictly after the given instant,
     *                     including those deleted since (used up, revoked, expired, swept)
     */
    public record Creation(
            LocalSite site,
            LocalUser creator,
            Instant now,
            LongSupplier usableHeld,
            ToLongFunction<Instant> createdSince) {

        public Creation {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(creator, "creator");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(usableHeld, "usableHeld");
            Objects.requireNonNull(createdSince, "createdSince");
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
            long created = creation.createdSince().applyAsLong(creation.now().minus(LocalSite.QUOTA_WINDOW));
            if (created >= site.invitesPerUserPerDay()) {
                throw new Refusal(
                        Rule.INVITE_DAILY_LIMIT_REACHED,
                        "you created " + created + " invites in the last 24 hours, the most this site allows");
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
                ? OptionalLong.of(
                        creation.createdSince().applyAsLong(creation.now().minus(LocalSite.QUOTA_WINDOW)))
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
}
