package guestlist.domain.registration;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteClaim;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The one place that decides what a registration does, for all four modes, with or without an
 * invite. With the site's defaults ({@code invites_skip_application} true, no daily limit of
 * sign-ups through invites):
 *
 * <table>
 *   <caption>decisions</caption>
 *   <tr><th>mode</th><th>no invite</th><th>usable invite</th><th>unusable invite, or one of a banned
 *       creator</th></tr>
 *   <tr><td>open</td><td>active</td><td>active, invited</td><td>refused: INVITE_NOT_USABLE</td></tr>
 *   <tr><td>require_application</td><td>pending (without an answer refused: APPLICATION_ANSWER_REQUIRED)</td>
 *       <td>active, invited</td><td>refused: INVITE_NOT_USABLE</td></tr>
 *   <tr><td>require_invitation</td><td>refused: INVITE_REQUIRED</td><td>active, invited</td>
 *       <td>refused: INVITE_NOT_USABLE</td></tr>
 *   <tr><td>closed</td><td colspan="3">refused: REGISTRATION_CLOSED</td></tr>
 * </table>
 *
 * <p>With {@code invites_skip_application} false, a usable invite in {@code require_application}
 * gives a pending application that records the inviter (without an answer refused:
 * APPLICATION_ANSWER_REQUIRED); the invite's use is taken all the same. With a daily limit of
 * sign-ups through invites that the last 24 hours have reached, a usable invite is refused:
 * INVITE_SIGNUPS_PAUSED, in every mode but closed; registrations without an invite are not
 * affected. The checks run in this order: closed, the invite, the daily limit, the answer.
 *
 * <p>An invite whose creator is banned at {@code now} admits nobody, whatever its uses and expiry:
 * a ban of the creator (or of a branch above it) deletes its invites, and a registration that
 * locked the creator's account before the ban committed sees the ban here.
 */
public final class RegistrationPolicy {

    private RegistrationPolicy() {}

    /**
     * What a registration brings to the policy.
     *
     * @param site               the site's settings as they are now
     * @param answer             the applicant's answer to the application question, if given
     * @param inviteSignupsSince how many accounts joined through an invite strictly after the given
     *                           instant, site-wide; asked only for a usable invite while the site
     *                           limits them, so that the caller counts (and serializes) only then
     */
    public record Registration(
            LocalSite site,
            InviteClaim claim,
            Optional<String> answer,
            Instant now,
            ToLongFunction<Instant> inviteSignupsSince) {

        public Registration {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(inviteSignupsSince, "inviteSignupsSince");
        }
    }

    /** @return what must happen; a refusal is thrown as a {@link Refusal} */
    public static RegistrationDecision decide(Registration registration) {
        LocalSite site = registration.site();
        RegistrationMode mode = site.registrationMode();
        if (mode == RegistrationMode.CLOSED) {
            throw new Refusal(Rule.REGISTRATION_CLOSED, "registration is closed on this site");
        }
        if (registration.claim() instanceof InviteClaim.Presented presented) {
            Invite redeemed = presented
                    .invite()
                    .orElseThrow(() -> new Refusal(Rule.INVITE_NOT_USABLE, "that invite token is not valid"))
                    .redeem(registration.now());
            if (presented
                    .creator()
                    .filter(creator -> creator.bannedAt(registration.now()))
                    .isPresent()) {
                throw new Refusal(Rule.INVITE_NOT_USABLE, "that invite token is not valid");
            }
            checkInviteSignupsNotPaused(registration);
            if (mode == RegistrationMode.REQUIRE_APPLICATION && !site.invitesSkipApplication()) {
                return new RegistrationDecision.PendingApplication(
                        requireAnswer(registration.answer()), Optional.of(redeemed));
            }
            return new RegistrationDecision.ActiveAccount(Optional.of(redeemed));
        }
        return switch (mode) {
            case OPEN -> new RegistrationDecision.ActiveAccount(Optional.empty());
            case REQUIRE_INVITATION ->
                throw new Refusal(Rule.INVITE_REQUIRED, "this site admits new members by invitation only");
            case REQUIRE_APPLICATION ->
                new RegistrationDecision.PendingApplication(requireAnswer(registration.answer()), Optional.empty());
            case CLOSED -> throw new IllegalStateException("closed was refused above");
        };
    }

    private static void checkInviteSignupsNotPaused(Registration registration) {
        LocalSite site = registration.site();
        if (!site.limitsInviteSignupsPerDay()) {
            return;
        }
        long joined =
                registration.inviteSignupsSince().applyAsLong(registration.now().minus(LocalSite.QUOTA_WINDOW));
        if (joined >= site.inviteSignupsPerDay()) {
            throw new Refusal(
                    Rule.INVITE_SIGNUPS_PAUSED,
                    "sign-ups through invites are paused: as many accounts as this site allows joined through"
                            + " invites in the last 24 hours");
        }
    }

    private static String requireAnswer(Optional<String> answer) {
        return answer.filter(text -> !text.isBlank())
                .orElseThrow(() -> new Refusal(
                        Rule.APPLICATION_ANSWER_REQUIRED,
                        "this site asks new members to answer its application question"));
    }
}
