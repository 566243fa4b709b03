package guestlist.adapters.rest.json;

import guestlist.domain.invite.InviteAllowance;

/**
 * Guestlist's {@code invite_allowance} of {@code GET /account}: the cap and the quotas that apply to
 * the account and what is left of them, for the pages to show. It informs; creating an invite is
 * still checked by the server.
 *
 * @param unlimited                   an admin: no cap, minimum age or daily limit applies
 * @param maxInvitesPerUserAllowed    the site's cap of usable invites held at once
 * @param usableInvites               usable invites held now
 * @param invitesPerUserPerDay        the site's daily limit; 0 = none
 * @param invitesCreatedLastDay   invites created in the last 24 hours; absent without a daily limit
 * @param mayInviteFrom               when the account is old enough to invite; absent when it is
 * @param canInvite                   whether an admin left the account its right to invite
 * @param invitesDisabledReason       the admin's reason when not
 * @param mayCreateNow                whether one more invite would be allowed now
 */
public record InviteAllowanceJson(
        boolean unlimited,
        int maxInvitesPerUserAllowed,
        long usableInvites,
        int invitesPerUserPerDay,
        Long invitesCreatedLastDay,
        String mayInviteFrom,
        boolean canInvite,
        String invitesDisabledReason,
        boolean mayCreateNow) {

    public static InviteAllowanceJson from(InviteAllowance allowance) {
        return new InviteAllowanceJson(
                allowance.unlimited(),
                allowance.cap(),
                allowance.usableHeld(),
                allowance.perDay(),
                allowance.createdLastDay().isPresent()
                        ? allowance.createdLastDay().getAsLong()
                        : null,
                allowance.mayInviteFrom().map(Timestamps::format).orElse(null),
                allowance.disabledReason().isEmpty(),
                allowance.disabledReason().orElse(null),
                allowance.mayCreateNow());
    }
}
