package guestlist.application.port.in;

import guestlist.domain.LocalUser;

/** Deletes an invite: one's own, or any invite for an admin; otherwise {@code invalid_invite_token}. */
public interface RevokeInviteUseCase {

    void revokeInvite(LocalUser actor, String token);
}
