package guestlist.application.port.out;

import guestlist.domain.account.InviteBranch;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.util.List;
import java.util.Optional;

/**
 * Who invited whom, at any depth (see {@link InviteBranch}): pages of a branch and of an ancestry,
 * each costing the same however large the branch or deep the chain.
 */
public interface InviteBranchRepository {

    /**
     * The branch below {@code top} in {@link InviteBranch#ORDER} (depth, then id), after the member
     * {@code after} when given (its depth is looked up; a member no longer in the branch ends the
     * listing), at most {@code limit}.
     */
    List<BranchMember> below(LocalUserId top, Optional<LocalUserId> after, int limit);

    /**
     * The inviters above {@code account}, nearest first, after the inviter {@code after} when given
     * (a given inviter no longer above the account ends the listing), at most {@code limit}.
     */
    List<LocalUser> ancestry(LocalUserId account, Optional<LocalUserId> after, int limit);

    /** An account of a branch and how far below the branch's top it is (1 = invited by the top). */
    record BranchMember(LocalUser user, int depth) {}
}
