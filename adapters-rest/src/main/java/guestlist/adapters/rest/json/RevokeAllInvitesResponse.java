package guestlist.adapters.rest.json;

import guestlist.application.port.in.RevokedInvites;

/** {@code POST /admin/invite/revoke_all}: how many invites went, and how many accounts lost at least one. */
public record RevokeAllInvitesResponse(long revokedInvites, long affectedAccounts) {

    public static RevokeAllInvitesResponse from(RevokedInvites revoked) {
        return new RevokeAllInvitesResponse(revoked.revokedInvites(), revoked.affectedAccounts());
    }
}
