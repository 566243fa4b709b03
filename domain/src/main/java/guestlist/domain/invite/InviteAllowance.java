package guestlist.domain.invite;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a member may still do with invites now, as {@link InvitePolicy} judges it: the figures behind
 * each of its checks, so that a member can be shown the cap and the quotas and what is left of them.
 * It informs; {@link InvitePolicy#checkMayCreate} still decides each creation.
 *
 * @param unlimited       an admin: no cap, no minimum age, no daily limit apply
 * @param cap             usable invites a member may hold at once (the site's setting; 0 = only admins)
 * @param usableHeld      usable invites held now
 * @param perDay          invites a member may create in any 24 hours; 0 = no daily limit
 * @param createdLastDay  invites created in the last 24 hours; empty when there is no daily limit (not counted)
 * @param mayInviteFrom   when the account becomes old enough to invite; empty when it is already
 * @param disabledReason  present when an admin withdrew the right to invite: the admin's reason (maybe empty)
 */
public record InviteAllowance(
        boolean unlimited,
        int cap,
        long usableHeld,
        int perDay,
        OptionalLong createdLastDay,
        Optional<Instant> mayInviteFrom,
        Optional<String> disabledReason) {

    public InviteAllowance {
        Objects.requireNonNull(createdLastDay, "createdLastDay");
        Objects.requireNonNull(mayInviteFrom, "mayInviteFrom");
        Objects.requireNonNull(disabledReason, "disabledReason");
    }

    /** Whether one more invite would be allowed now, as far as these figures tell. */
    public boolean mayCreateNow() {
        if (disabledReason.isPresent()) {
            return false;
        }
        if (unlimited) {
            return true;
        }
        return mayInviteFrom.isEmpty() && usableHeld < cap && (perDay == 0 || createdLastDay.orElse(0) < perDay);
    }
}
