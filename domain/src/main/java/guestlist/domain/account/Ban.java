package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ban on an account: why, since when, and until when (forever when {@code expiresAt} is empty).
 * A ban whose end has passed has lifted itself; nobody needs to remove it.
 */
public record Ban(String reason, Optional<Instant> expiresAt, Instant publishedAt) {

    public Ban {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /**
     * A ban imposed at {@code now}. Refuses an end that is not in the future
     * ({@link Rule#BAN_EXPIRATION_IN_PAST}) and a reason over
     * {@value ModerationReason#MAX_LENGTH} characters.
     */
    public static Ban impose(String reason, Optional<Instant> expiresAt, Instant now) {
        ModerationReason.check(reason);
        if (expiresAt.map(end -> !end.isAfter(now)).orElse(false)) {
            throw new Refusal(Rule.BAN_EXPIRATION_IN_PAST, "expires_at must be in the future");
        }
        return new Ban(reason, expiresAt, now);
    }

    /** Whether the ban holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    /** Whether {@code other} bans for the same reason until the same end. */
    public boolean sameTerms(Ban other) {
        return reason.equals(other.reason) && expiresAt.equals(other.expiresAt);
    }

    /** The words a banned person is told. */
    public String describe() {
        String until = expiresAt.map(end -> " until " + end).orElse("");
        return reason.isBlank()
                ? "you are banned from this site" + until
                : "you are banned from this site" + until + ": " + reason;
    }
}
