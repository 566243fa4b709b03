package guestlist.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The one place that decides what a registration does, for all four modes, with or without an
 * invite:
 *
 * <table>
 *   <caption>decisions</caption>
 *   <tr><th>mode</th><th>no invite</th><th>usable invite</th><th>unusable invite</th></tr>
 *   <tr><td>open</td><td>active</td><td>active, invited</td><td>invalid_invite_token</td></tr>
 *   <tr><td>require_application</td><td>pending (answer required)</td><td>active, invited</td>
 *       <td>invalid_invite_token</td></tr>
 *   <tr><td>require_invitation</td><td>missing_invite_token</td><td>active, invited</td>
 *       <td>invalid_invite_token</td></tr>
 *   <tr><td>closed</td><td colspan="3">registration_closed</td></tr>
 * </table>
 */
public final class RegistrationPolicy {

    private RegistrationPolicy() {
    }

    /**
     * @param answer the applicant's answer to the application question, if given
     * @return what must happen; a refusal is thrown as a {@link GuestlistException}
     */
    public static RegistrationDecision decide(RegistrationMode mode, InviteClaim claim,
                                              Optional<String> answer, Instant now) {
        if (mode == RegistrationMode.CLOSED) {
            throw new GuestlistException(ErrorCode.REGISTRATION_CLOSED, "registration is closed on this site");
        }
        if (claim instanceof InviteClaim.Presented presented) {
            Invite redeemed = presented.invite()
                    .orElseThrow(() -> new GuestlistException(ErrorCode.INVALID_INVITE_TOKEN,
                            "that invite token is not valid"))
                    .redeem(now);
            return new RegistrationDecision.ActiveAccount(Optional.of(redeemed));
        }
        return switch (mode) {
            case OPEN -> new RegistrationDecision.ActiveAccount(Optional.empty());
            case REQUIRE_INVITATION -> throw new GuestlistException(ErrorCode.MISSING_INVITE_TOKEN,
                    "this site admits new members by invitation only");
            case REQUIRE_APPLICATION -> new RegistrationDecision.PendingApplication(answer
                    .filter(text -> !text.isBlank())
                    .orElseThrow(() -> new GuestlistException(ErrorCode.REGISTRATION_APPLICATION_ANSWER_REQUIRED,
                            "this site asks new members to answer its application question")));
            case CLOSED -> throw new IllegalStateException("closed was refused above");
        };
    }
}
