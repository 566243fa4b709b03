package guestlist.domain.registration;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteClaim;
import guestlist.domain.site.RegistrationMode;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that decides what a registration does, for all four modes, with or without an
 * invite:
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
 * <p>An invite whose creator is banned at {@code now} admits nobody, whatever its uses and expiry:
 * a ban of the creator (or of a branch above it) deletes its invites, and a registration that
 * locked the creator's account before the ban committed sees the ban here.
 */
public final class RegistrationPolicy {

    private RegistrationPolicy() {}

    /**
     * @param answer the applicant's answer to the application question, if given
     * @return what must happen; a refusal is thrown as a {@link Refusal}
     */
    public static RegistrationDecision decide(
            RegistrationMode mode, InviteClaim claim, Optional<String> answer, Instant now) {
        if (mode == RegistrationMode.CLOSED) {
            throw new Refusal(Rule.REGISTRATION_CLOSED, "registration is closed on this site");
        }
        if (claim instanceof InviteClaim.Presented presented) {
            Invite redeemed = presented
                    .invite()
                    .orElseThrow(() -> new Refusal(Rule.INVITE_NOT_USABLE, "that invite token is not valid"))
                    .redeem(now);
            if (presented.creator().filter(creator -> creator.bannedAt(now)).isPresent()) {
                throw new Refusal(Rule.INVITE_NOT_USABLE, "that invite token is not valid");
            }
            return new RegistrationDecision.ActiveAccount(Optional.of(redeemed));
        }
        return switch (mode) {
            case OPEN -> new RegistrationDecision.ActiveAccount(Optional.empty());
            case REQUIRE_INVITATION ->
                throw new Refusal(Rule.INVITE_REQUIRED, "this site admits new members by invitation only");
            case REQUIRE_APPLICATION ->
                new RegistrationDecision.PendingApplication(answer.filter(text -> !text.isBlank())
                        .orElseThrow(() -> new Refusal(
                                Rule.APPLICATION_ANSWER_REQUIRED,
                                "this site asks new members to answer its application question")));
            case CLOSED -> throw new IllegalStateException("closed was refused above");
        };
    }
}
