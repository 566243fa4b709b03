package guestlist.domain.invite;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An invite link's record: who made it, how often it may still be used, and until when.
 *
 * @param maxUses   how many registrations it admits in all; empty = unlimited
 * @param expiresAt when it stops working; empty = never
 * @param comment   its creator's note on it (whom it is for, say), shown to the creator and to admins
 *                  only; empty = none
 */
public record Invite(
        InviteId id,
        InviteToken token,
        LocalUserId creatorId,
        Optional<Integer> maxUses,
        int usesCount,
        Optional<Instant> expiresAt,
        Instant publishedAt,
        Optional<String> comment) {

    public static final int MAX_USES_LIMIT = 1_000_000;
    public static final Duration LONGEST_LIFETIME = Duration.ofDays(365);
    /** In Unicode code points, so that an emoji counts as one character. */
    public static final int MAX_COMMENT_LENGTH = 200;

    public Invite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(comment, "comment");
        if (usesCount < 0) {
            throw new IllegalArgumentException("usesCount must not be negative");
        }
    }

    /**
     * A new invite, checked against the creation rules: {@code maxUses} in 1..1,000,000,
     * {@code expiresAt} strictly after {@code now} and at most 365 days ahead, and a comment of at
     * most 200 characters (an empty comment is none). The expiry is kept to the microsecond (what
     * storage keeps) before it is checked, so a stored invite never expires earlier than it was
     * checked to. Whether the creator may create an invite at all (the cap, the quotas) is
     * {@link InvitePolicy}'s to decide.
     */
    public static NewInvite issue(
            InviteToken token,
            LocalUserId creatorId,
            Optional<Integer> maxUses,
            Optional<Instant> requestedExpiry,
            Optional<String> comment,
            Instant now) {
        Optional<Instant> expiresAt = requestedExpiry.map(expiry -> expiry.truncatedTo(ChronoUnit.MICROS));
        maxUses.ifPresent(uses -> {
            if (uses < 1 || uses > MAX_USES_LIMIT) {
                throw new Refusal(Rule.INVITE_USE_LIMIT, "max_uses must be between 1 and " + MAX_USES_LIMIT);
            }
        });
        expiresAt.ifPresent(expiry -> {
            if (!expiry.isAfter(now)) {
                throw new Refusal(Rule.INVITE_LIFETIME, "expires_at must be in the future");
            }
            if (expiry.isAfter(now.plus(LONGEST_LIFETIME))) {
                throw new Refusal(Rule.INVITE_LIFETIME, "expires_at must be at most 365 days ahead");
            }
        });
        Optional<String> note = comment.filter(text -> !text.isEmpty());
        note.ifPresent(text -> {
            if (text.codePointCount(0, text.length()) > MAX_COMMENT_LENGTH) {
                throw new Refusal(
                        Rule.INVITE_COMMENT_LENGTH, "comment must be at most " + MAX_COMMENT_LENGTH + " characters");
            }
        });
        return new NewInvite(token, creatorId, maxUses, expiresAt, now, note);
    }

    /** Usable at {@code now}: not expired (expiry strictly later than now) and not used up. */
    public boolean usableAt(Instant now) {
        return !expiredAt(now) && !usedUp();
    }

    /** Expired at {@code now}: it had an expiry and that instant is not later than now. */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(expiry -> !expiry.isAfter(now)).orElse(false);
    }

    /** Every use it admits has been taken; such an invite is deleted. */
    public boolean usedUp() {
        return maxUses.map(max -> usesCount >= max).orElse(false);
    }

    /**
     * Takes one use for a registration at {@code now}: the invite as it is afterwards, or
     * {@link Rule#INVITE_NOT_USABLE} when it is not usable. When the result is
     * {@link #usedUp()} the caller deletes it.
     */
    public Invite redeem(Instant now) {
        if (!usableAt(now)) {
            throw new Refusal(Rule.INVITE_NOT_USABLE, "that invite is expired or used up");
        }
        return new Invite(id, token, creatorId, maxUses, usesCount + 1, expiresAt, publishedAt, comment);
    }

    /** Whether {@code user} may revoke it: its creator, or any admin. */
    public boolean revocableBy(LocalUser user) {
        return user.admin() || user.id().equals(creatorId);
    }
}
