package guestlist.application.port.in;

import guestlist.domain.account.LocalUser;

/** Deletes an invite: one's own, or any invite for an admin; otherwise a {@code NO_INVITE_OF_YOURS} failure. */
public interface RevokeInviteUseCase {

    void revokeInvite(LocalUser actor, String token);
}
