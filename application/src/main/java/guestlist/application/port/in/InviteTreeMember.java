package guestlist.application.port.in;

import guestlist.domain.account.LocalUserId;
import java.util.Objects;

/**
 * An account of someone's invite branch as admins see it.
 *
 * @param depth     how far below the branch's top it is: 1 = invited by the top
 * @param invitedBy the account whose invite brought it in
 */
public record InviteTreeMember(LocalUserView localUserView, int depth, LocalUserId invitedBy) {

    public InviteTreeMember {
        Objects.requireNonNull(localUserView, "localUserView");
        Objects.requireNonNull(invitedBy, "invitedBy");
        if (depth < 1) {
            throw new IllegalArgumentException("a member of a branch is at least one level below its top");
        }
    }
}
