package guestlist.application.port.in;

/**
 * What revoking every invite of an account (or of its branch) did.
 *
 * @param revokedInvites   how many invites were deleted
 * @param affectedAccounts how many accounts lost at least one invite
 */
public record RevokedInvites(long revokedInvites, long affectedAccounts) {}
