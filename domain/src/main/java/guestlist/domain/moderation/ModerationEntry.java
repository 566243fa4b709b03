package guestlist.domain.moderation;

import guestlist.domain.account.LocalUserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the moderation log: who did what to whom, how far it reached, and why. Written in
 * the same transaction as the action it records.
 *
 * @param affectedAccounts the accounts whose state the action changed (admins passed over are not
 *                         counted)
 * @param revokedInvites   the invites the action deleted
 * @param expiresAt        when the ban ends, for a ban that ends
 */
public record ModerationEntry(
        ModerationEntryId id,
        ModerationAction action,
        LocalUserId admin,
        LocalUserId target,
        boolean includeInvitees,
        long affectedAccounts,
        long revokedInvites,
        String reason,
        Optional<Instant> expiresAt,
        Instant publishedAt) {

    public ModerationEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** The same entry as it is about to be stored, without an id. */
    public record New(
            ModerationAction action,
            LocalUserId admin,
            Scope scope,
            long affectedAccounts,
            long revokedInvites,
            String reason,
            Optional<Instant> expiresAt,
            Instant publishedAt) {

        public New {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(publishedAt, "publishedAt");
        }

        public ModerationEntry withId(ModerationEntryId id) {
            return new ModerationEntry(
                    id,
                    action,
                    admin,
                    scope.target(),
                    scope.includeInvitees(),
                    affectedAccounts,
                    revokedInvites,
                    reason,
                    expiresAt,
                    publishedAt);
        }
    }
}
