package guestlist.application.port.in;

/**
 * Admins revoke every invite of an account, or of its whole invite branch, in one transaction that
 * also writes the moderation log. Admins are never reached: aimed at an admin it is refused, and
 * the admins inside a branch keep their invites.
 */
public interface RevokeAllInvitesUseCase {

    RevokedInvites revokeAllInvites(RevokeAllInvitesCommand command);
}
