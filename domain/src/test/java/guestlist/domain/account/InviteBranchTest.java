package guestlist.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InviteBranchTest {

    /** Who invited whom, as the two look-ups the walk takes; invitees are listed in the order given. */
    private static final class Forest {
        private final Map<Long, List<LocalUserId>> invitees = new HashMap<>();
        private final Map<Long, LocalUserId> inviters = new HashMap<>();

        Forest invited(long inviter, long... accounts) {
            for (long account : accounts) {
                invitees.computeIfAbsent(inviter, ignored -> new ArrayList<>()).add(id(account));
                inviters.put(account, id(inviter));
            }
            return this;
        }

        List<LocalUserId> inviteesOf(LocalUserId account) {
            return invitees.getOrDefault(account.value(), List.of());
        }

        Optional<LocalUserId> inviterOf(LocalUserId account) {
            return Optional.ofNullable(inviters.get(account.value()));
        }

        List<InviteBranch.Member> below(long top) {
            return InviteBranch.below(id(top), this::inviteesOf);
        }

        List<LocalUserId> ancestry(long account) {
            return InviteBranch.ancestry(id(account), this::inviterOf);
        }
    }

    private static LocalUserId id(long value) {
        return new LocalUserId(value);
    }

    private static InviteBranch.Member member(long id, int depth, long invitedBy) {
        return new InviteBranch.Member(id(id), depth, id(invitedBy));
    }

    @Test
    void anAccountWithoutInviteesHasAnEmptyBranch() {
        assertThat(new Forest().invited(2, 3).below(3)).isEmpty();
        assertThat(new Forest().below(1)).isEmpty();
    }

    @Test
    void theBranchIsBreadthFirstThenByIdWhateverOrderTheInviteesComeIn() {
        // 1 invited 9 before 4; 4 invited 2; 9 invited 3 and 5 (listed 5 first); 2 invited 7
        Forest forest =
                new Forest().invited(1, 9, 4).invited(4, 2).invited(9, 5, 3).invited(2, 7);

        assertThat(forest.below(1))
                .containsExactly(
                        member(4, 1, 1),
                        member(9, 1, 1),
                        member(2, 2, 4),
                        member(3, 2, 9),
                        member(5, 2, 9),
                        member(7, 3, 2));
    }

    @Test
    void theBranchLeavesOutTheTopAndEverythingAboveOrBesideIt() {
        Forest forest =
                new Forest().invited(1, 2, 3).invited(2, 4).invited(3, 5).invited(4, 6);

        assertThat(forest.below(2)).containsExactly(member(4, 1, 2), member(6, 2, 4));
    }

    @Test
    void aWideFanIsOneLevelInIdOrder() {
        Forest forest = new Forest();
        for (long invitee = 1_000; invitee > 1; invitee--) {
            forest.invited(1, invitee);
        }

        List<InviteBranch.Member> branch = forest.below(1);

        assertThat(branch)
                .hasSize(999)
                .allSatisfy(member -> assertThat(member.depth()).isEqualTo(1));
        assertThat(branch).isSortedAccordingTo(InviteBranch.ORDER);
        assertThat(branch.get(0).id()).isEqualTo(id(2));
    }

    @Test
    void aDeepChainCountsEveryLevel() {
        Forest forest = new Forest();
        for (long account = 1; account < 500; account++) {
            forest.invited(account, account + 1);
        }

        List<InviteBranch.Member> branch = forest.below(1);

        assertThat(branch).hasSize(499);
        for (int i = 0; i < branch.size(); i++) {
            assertThat(branch.get(i)).isEqualTo(member(i + 2, i + 1, i + 1));
        }
        assertThat(forest.ancestry(500))
                .hasSize(499)
                .startsWith(id(499), id(498))
                .endsWith(id(1));
    }

    @Test
    void aCycleInTheLookUpsEndsTheWalkWithEveryAccountOnce() {
        // no store should hold this, but a walk over bad data must still end
        Forest forest = new Forest().invited(1, 2).invited(2, 3).invited(3, 1);

        assertThat(forest.below(1)).containsExactly(member(2, 1, 1), member(3, 2, 2));
        assertThat(forest.ancestry(1)).containsExactly(id(3), id(2));
        assertThat(InviteBranch.ancestry(id(5), account -> Optional.of(id(5)))).isEmpty();
        assertThat(InviteBranch.below(id(5), account -> List.of(id(5)))).isEmpty();
    }

    @Test
    void anAccountListedTwiceIsCountedOnceAtItsFirstDepth() {
        Function<LocalUserId, List<LocalUserId>> inviteesOf = account -> switch ((int) account.value()) {
            case 1 -> List.of(id(2), id(3));
            case 2 -> List.of(id(3), id(4));
            case 3 -> List.of(id(4));
            default -> List.of();
        };

        assertThat(InviteBranch.below(id(1), inviteesOf))
                .containsExactly(member(2, 1, 1), member(3, 1, 1), member(4, 2, 2));
    }

    @Test
    void ancestryIsNearestFirstUpToAnAccountThatJoinedWithoutAnInvite() {
        Forest forest = new Forest().invited(1, 2).invited(2, 3).invited(3, 4).invited(10, 11);

        assertThat(forest.ancestry(4)).containsExactly(id(3), id(2), id(1));
        assertThat(forest.ancestry(2)).containsExactly(id(1));
        assertThat(forest.ancestry(1)).as("joined without an invite").isEmpty();
        assertThat(forest.ancestry(77)).as("unknown to the look-up").isEmpty();
    }

    @Test
    void everyMemberOfARandomForestHasTheTopInItsAncestryAtItsDepth() {
        Random random = new Random(42);
        Forest forest = new Forest();
        for (long account = 2; account <= 400; account++) {
            if (random.nextInt(10) > 0) {
                forest.invited(1 + random.nextInt((int) account - 1), account);
            }
        }

        for (long top = 1; top <= 400; top++) {
            List<InviteBranch.Member> branch = forest.below(top);
            assertThat(branch).isSortedAccordingTo(InviteBranch.ORDER);
            for (InviteBranch.Member member : branch) {
                List<LocalUserId> ancestry = forest.ancestry(member.id().value());
                assertThat(ancestry.get(member.depth() - 1)).isEqualTo(id(top));
                assertThat(ancestry.get(0)).isEqualTo(member.invitedBy());
            }
            long inBranch = 0;
            for (long other = 1; other <= 400; other++) {
                if (forest.ancestry(other).contains(id(top))) {
                    inBranch++;
                }
            }
            assertThat(branch)
                    .as("the branch of %d is everyone with %d above", top, top)
                    .hasSize((int) inBranch);
        }
    }

    @Test
    void theOrderIsDepthThenId() {
        assertThat(InviteBranch.ORDER.compare(member(9, 1, 1), member(2, 2, 9))).isNegative();
        assertThat(InviteBranch.ORDER.compare(member(3, 2, 1), member(5, 2, 1))).isNegative();
        assertThat(InviteBranch.ORDER.compare(member(5, 2, 1), member(5, 2, 7))).isZero();
    }
}
