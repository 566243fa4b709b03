package guestlist.domain.application;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending or decided application of an account made in {@code require_application} mode.
 *
 * @param adminId    the admin who last decided it; empty while it is unread, or when that admin's
 *                   account was deleted since
 * @param denyReason the reason given with a denial; empty when approved or undecided
 * @param updatedAt  when it was last decided; empty while it is unread
 */
public record RegistrationApplication(
        ApplicationId id,
        LocalUserId userId,
        String answer,
        Optional<LocalUserId> adminId,
        Optional<String> denyReason,
        Instant publishedAt,
        Optional<Instant> updatedAt) {

    public static final int MAX_DENY_REASON_LENGTH = 10_000;

    public RegistrationApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(adminId, "adminId");
        Objects.requireNonNull(denyReason, "denyReason");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Not decided by any admin yet (a decision stays one when its admin's account goes). */
    public boolean unread() {
        return updatedAt.isEmpty();
    }

    /**
     * The application after {@code admin} approved or denied it at {@code now}. A later decision
     * replaces an earlier one; approving clears the deny reason. Returns the application and what
     * the account's {@code accepted_application} becomes.
     */
    public RegistrationApplication decide(LocalUser admin, boolean approve, Optional<String> denyReason, Instant now) {
        admin.requireAdmin();
        Optional<String> reason = approve ? Optional.empty() : denyReason.filter(text -> !text.isBlank());
        if (reason.map(text -> text.length() > MAX_DENY_REASON_LENGTH).orElse(false)) {
            throw new Refusal(
                    Rule.DENY_REASON_LENGTH, "deny_reason must be at most " + MAX_DENY_REASON_LENGTH + " characters");
        }
        return new RegistrationApplication(
                id, userId, answer, Optional.of(admin.id()), reason, publishedAt, Optional.of(now));
    }
}
