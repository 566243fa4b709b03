package guestlist.domain.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who invited whom. The branch of an account is every account whose chain of inviters reaches it,
 * at any depth; its ancestry is its inviter, that one's inviter, and so on up to an account that
 * joined without an invite.
 *
 * <p>Written over two look-ups so that any store can use it; the PostgreSQL adapter keeps the same
 * relation in a table instead and answers it with an index, and its tests compare the two.
 */
public final class InviteBranch {

    private InviteBranch() {}

    /** An account of a branch: how far below the branch's top it sits, and who invited it. */
    public record Member(LocalUserId id, int depth, LocalUserId invitedBy) {}

    /** The ordering of a branch: breadth first, then by id. */
    public static final Comparator<Member> ORDER = Comparator.comparingInt(Member::depth)
            .thenComparingLong(member -> member.id().value());

    /**
     * The branch below {@code top} (not {@code top} itself), in {@link #ORDER}.
     *
     * @param inviteesOf the accounts that joined with a given account's invites
     */
    public static List<Member> below(LocalUserId top, Function<LocalUserId, List<LocalUserId>> inviteesOf) {
        List<Member> branch = new ArrayList<>();
        Set<LocalUserId> seen = new HashSet<>();
        seen.add(top);
        List<LocalUserId> level = List.of(top);
        for (int depth = 1; !level.isEmpty(); depth++) {
            List<Member> next = new ArrayList<>();
            for (LocalUserId inviter : level) {
                for (LocalUserId invitee : inviteesOf.apply(inviter)) {
                    if (seen.add(invitee)) {
                        next.add(new Member(invitee, depth, inviter));
                    }
                }
            }
            next.sort(ORDER);
            branch.addAll(next);
            level = next.stream().map(Member::id).toList();
        }
        return branch;
    }

    /**
     * The inviters above {@code account}, nearest first.
     *
     * @param inviterOf the account whose invite brought a given account in, if any
     */
    public static List<LocalUserId> ancestry(
            LocalUserId account, Function<LocalUserId, Optional<LocalUserId>> inviterOf) {
        Deque<LocalUserId> chain = new ArrayDeque<>();
        Set<LocalUserId> seen = new HashSet<>();
        seen.add(account);
        Optional<LocalUserId> next = inviterOf.apply(account);
        while (next.isPresent() && seen.add(next.get())) {
            chain.addLast(next.get());
            next = inviterOf.apply(next.get());
        }
        return List.copyOf(chain);
    }
}
