package guestlist.application.port.in;

/**
 * Admins withdraw or give back the right to invite, of an account or of its whole invite branch,
 * in one transaction that also writes the moderation log. Withdrawing it also revokes every invite
 * of each account reached. Admins are never reached: aimed at an admin it is refused, and the
 * admins inside a branch are passed over.
 */
public interface ChangeInvitePermissionUseCase {

    /** The target as it stands after the change. */
    LocalUserView changeInvitePermission(ChangeInvitePermissionCommand command);
}
