package guestlist.application.port.in;

import guestlist.domain.invite.Invite;

/** A member creates an invite link, within the site's per-user cap. */
public interface CreateInviteUseCase {

    Invite createInvite(CreateInviteCommand command);
}
