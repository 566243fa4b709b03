package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account. Its person (the public face: id, name, date) shares its id.
 *
 * @param invitedBy        the local user whose invite brought this account in; empty when it
 *                         registered without one, or when the inviter's account was deleted
 * @param ban              the last ban imposed on the account, which may have ended by itself
 * @param invitePermission whether the account may create invites
 * @param inviteeCount     how many accounts joined with this account's invites (direct invitees)
 */
public record LocalUser(
        LocalUserId id,
        Username name,
        Optional<EmailAddress> email,
        boolean admin,
        boolean acceptedApplication,
        Optional<LocalUserId> invitedBy,
        Instant publishedAt,
        Optional<Ban> ban,
        InvitePermission invitePermission,
        long inviteeCount) {

    public LocalUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(ban, "ban");
        Objects.requireNonNull(invitePermission, "invitePermission");
        if (inviteeCount < 0) {
            throw new IllegalArgumentException("inviteeCount must not be negative");
        }
    }

    /** The id of this account's person, its public face. */
    public PersonId personId() {
        return id.person();
    }

    /** Refuses with {@link Rule#ADMIN_ONLY} unless this user is an admin. */
    public LocalUser requireAdmin() {
        if (!admin) {
            throw new Refusal(Rule.ADMIN_ONLY, "only an admin may do this");
        }
        return this;
    }

    /** The ban that holds at {@code now}, if any; a ban past its end has lifted itself. */
    public Optional<Ban> activeBan(Instant now) {
        return ban.filter(imposed -> imposed.activeAt(now));
    }

    /** Whether a ban holds at {@code now}. */
    public boolean bannedAt(Instant now) {
        return activeBan(now).isPresent();
    }

    /**
     * Refuses with {@link Rule#ACCOUNT_BANNED}, telling the reason and the end, while a ban holds.
     */
    public LocalUser requireNotBanned(Instant now) {
        Optional<Ban> holding = activeBan(now);
        if (holding.isPresent()) {
            throw new Refusal(Rule.ACCOUNT_BANNED, holding.get().describe());
        }
        return this;
    }

    /** The same account with {@code ban} as its last ban (empty: never banned, or the ban lifted). */
    public LocalUser withBan(Optional<Ban> ban) {
        return new LocalUser(
                id,
                name,
                email,
                admin,
                acceptedApplication,
                invitedBy,
                publishedAt,
                ban,
                invitePermission,
                inviteeCount);
    }

    /** The same account with its application approved (or, with {@code false}, not yet approved). */
    public LocalUser withAcceptedApplication(boolean accepted) {
        return new LocalUser(
                id, name, email, admin, accepted, invitedBy, publishedAt, ban, invitePermission, inviteeCount);
    }
}
