package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an account may create invites, and when not, the reason an admin gave. Every account may
 * until an admin says otherwise.
 */
public record InvitePermission(boolean canInvite, Optional<String> reason) {

    public static final InvitePermission ALLOWED = new InvitePermission(true, Optional.empty());

    public InvitePermission {
        Objects.requireNonNull(reason, "reason");
        if (canInvite && reason.isPresent()) {
            throw new IllegalArgumentException("a permission that allows carries no reason");
        }
    }

    /** Invites withdrawn, for {@code reason}. */
    public static InvitePermission disabled(String reason) {
        return new InvitePermission(false, Optional.of(ModerationReason.check(reason)));
    }

    /** Refuses with {@link Rule#INVITES_DISABLED}, carrying the admin's reason, unless invites are allowed. */
    public void requireCanInvite() {
        if (!canInvite) {
            throw new Refusal(
                    Rule.INVITES_DISABLED,
                    reason.filter(text -> !text.isBlank())
                            .map(text -> "you may not create invites: " + text)
                            .orElse("you may not create invites"));
        }
    }
}
