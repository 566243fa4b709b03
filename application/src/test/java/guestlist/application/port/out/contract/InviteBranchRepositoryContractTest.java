package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteBranchRepository.BranchMember;
import guestlist.domain.account.InviteBranch;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InviteBranchRepository}, for every adapter: pages of a branch in
 * {@link InviteBranch#ORDER} and of an ancestry nearest first, each after the last account served,
 * checked against the domain's own walk of the same invites.
 */
public abstract class InviteBranchRepositoryContractTest {

    protected abstract StoreFixture store();

    /** Every account added here, by id, and who invited it: the relation the domain walks. */
    private final Map<LocalUserId, LocalUser> added = new HashMap<>();

    private int names;

    @BeforeEach
    void resetStore() {
        store().reset();
        added.clear();
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private InviteBranchRepository branches() {
        return store().branches();
    }

    private LocalUser account(Optional<LocalUser> inviter, boolean admin) {
        NewUser user = new NewUser(
                new Username("member" + ++names), Optional.empty(), admin, true, inviter.map(LocalUser::id), T0);
        LocalUser stored = tx(() -> store().users().add(user, "hash"));
        added.put(stored.id(), stored);
        return stored;
    }

    private LocalUser root() {
        return account(Optional.empty(), false);
    }

    private LocalUser invitedBy(LocalUser inviter) {
        return account(Optional.of(inviter), false);
    }

    /** A chain of {@code length} accounts below {@code top}, each invited by the one before. */
    private List<LocalUser> chainBelow(LocalUser top, int length) {
        List<LocalUser> chain = new ArrayList<>();
        LocalUser inviter = top;
        for (int i = 0; i < length; i++) {
            inviter = invitedBy(inviter);
            chain.add(inviter);
        }
        return chain;
    }

    /** What the domain's walk over the accounts added here calls the branch below {@code top}. */
    private List<InviteBranch.Member> expectedBelow(LocalUser top) {
        return InviteBranch.below(
                top.id(),
                inviter -> added.values().stream()
                        .filter(user -> user.invitedBy().filter(inviter::equals).isPresent())
                        .map(LocalUser::id)
                        .toList());
    }

    private List<LocalUserId> expectedAncestry(LocalUser account) {
        return InviteBranch.ancestry(
                account.id(), id -> Optional.ofNullable(added.get(id)).flatMap(LocalUser::invitedBy));
    }

    private List<BranchMember> below(LocalUser top, Optional<LocalUserId> after, int limit) {
        return tx(() -> branches().below(top.id(), after, limit));
    }

    private List<LocalUser> ancestry(LocalUser account, Optional<LocalUserId> after, int limit) {
        return tx(() -> branches().ancestry(account.id(), after, limit));
    }

    /** Every page of the branch of {@code limit} members, each starting after the last member of the one before. */
    private List<BranchMember> walkBelow(LocalUser top, int limit) {
        List<BranchMember> all = new ArrayList<>();
        Optional<LocalUserId> after = Optional.empty();
        while (true) {
            List<BranchMember> page = below(top, after, limit);
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).user().id());
        }
    }

    private List<LocalUser> walkAncestry(LocalUser account, int limit) {
        List<LocalUser> all = new ArrayList<>();
        Optional<LocalUserId> after = Optional.empty();
        while (true) {
            List<LocalUser> page = ancestry(account, after, limit);
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private static List<InviteBranch.Member> asMembers(List<BranchMember> members) {
        return members.stream()
                .map(member -> new InviteBranch.Member(
                        member.user().id(),
                        member.depth(),
                        member.user().invitedBy().orElseThrow()))
                .toList();
    }

    private LocalUser stored(LocalUserId id) {
        return tx(() -> store().users().findById(id)).orElseThrow();
    }

    // --- the branch below an account ---

    @Test
    void anAccountWithoutInviteesHasNoBranch() {
        LocalUser alone = root();
        LocalUser other = root();
        invitedBy(other);

        assertThat(below(alone, Optional.empty(), 50)).isEmpty();
        assertThat(tx(() -> branches().below(new LocalUserId(987_654), Optional.empty(), 50)))
                .isEmpty();
    }

    @Test
    void theBranchIsEveryAccountBelowAtAnyDepthBreadthFirstThenByIdAndNotTheTop() {
        LocalUser top = root();
        LocalUser a = invitedBy(top);
        LocalUser b = invitedBy(top);
        LocalUser a1 = invitedBy(a);
        LocalUser b1 = invitedBy(b);
        LocalUser a2 = invitedBy(a);
        LocalUser a11 = invitedBy(a1);
        LocalUser outside = root();
        invitedBy(outside);

        List<BranchMember> branch = below(top, Optional.empty(), 50);

        assertThat(branch)
                .extracting(member -> member.user().id())
                .containsExactly(a.id(), b.id(), a1.id(), b1.id(), a2.id(), a11.id());
        assertThat(branch).extracting(BranchMember::depth).containsExactly(1, 1, 2, 2, 2, 3);
        assertThat(asMembers(branch)).isEqualTo(expectedBelow(top));
    }

    @Test
    void membersAreTheAccountsAsStored() {
        LocalUser top = root();
        LocalUser a = invitedBy(top);
        invitedBy(a);
        invitedBy(a);

        for (BranchMember member : below(top, Optional.empty(), 50)) {
            assertThat(member.user()).isEqualTo(stored(member.user().id()));
        }
        assertThat(below(top, Optional.empty(), 1).get(0).user().inviteeCount()).isEqualTo(2);
    }

    @Test
    void aDeepChainIsServedLevelByLevel() {
        LocalUser top = root();
        List<LocalUser> chain = chainBelow(top, 40);

        List<BranchMember> branch = walkBelow(top, 7);

        assertThat(branch)
                .extracting(member -> member.user().id())
                .containsExactlyElementsOf(chain.stream().map(LocalUser::id).toList());
        for (int i = 0; i < branch.size(); i++) {
            assertThat(branch.get(i).depth()).isEqualTo(i + 1);
        }
        assertThat(walkBelow(chain.get(19), 3))
                .extracting(BranchMember::depth)
                .startsWith(1, 2, 3)
                .hasSize(20);
    }

    @Test
    void aWideFanIsPagedInIdOrder() {
        LocalUser top = root();
        List<LocalUserId> fan = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fan.add(invitedBy(top).id());
        }

        List<BranchMember> first = below(top, Optional.empty(), 25);
        List<BranchMember> all = walkBelow(top, 25);

        assertThat(first).hasSize(25);
        assertThat(all).extracting(member -> member.user().id()).containsExactlyElementsOf(fan);
        assertThat(all).allSatisfy(member -> assertThat(member.depth()).isEqualTo(1));
    }

    @Test
    void pagesOfEverySizeCrossDepthBoundariesWithoutLosingOrRepeatingAMember() {
        LocalUser top = root();
        // levels that interleave in id order: the members of depth 2 are made between those of depth 1
        LocalUser a = invitedBy(top);
        LocalUser a1 = invitedBy(a);
        LocalUser b = invitedBy(top);
        LocalUser b1 = invitedBy(b);
        invitedBy(a1);
        LocalUser c = invitedBy(top);
        invitedBy(b1);
        invitedBy(c);
        invitedBy(a);
        invitedBy(top);
        List<InviteBranch.Member> expected = expectedBelow(top);

        for (int limit = 1; limit <= expected.size() + 1; limit++) {
            assertThat(asMembers(walkBelow(top, limit)))
                    .as("pages of %d", limit)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aPageAfterAMemberStartsRightAfterItAlsoAtTheNextDepth() {
        LocalUser top = root();
        LocalUser a = invitedBy(top);
        LocalUser b = invitedBy(top);
        LocalUser a1 = invitedBy(a);
        LocalUser b1 = invitedBy(b);

        assertThat(below(top, Optional.of(a.id()), 50))
                .extracting(member -> member.user().id())
                .containsExactly(b.id(), a1.id(), b1.id());
        assertThat(below(top, Optional.of(b.id()), 1))
                .extracting(member -> member.user().id())
                .containsExactly(a1.id());
        assertThat(below(top, Optional.of(b1.id()), 50)).isEmpty();
    }

    @Test
    void aCursorMemberThatIsNotInTheBranchEndsTheListing() {
        LocalUser top = root();
        LocalUser a = invitedBy(top);
        invitedBy(a);
        LocalUser elsewhere = invitedBy(root());

        assertThat(below(top, Optional.of(elsewhere.id()), 50)).isEmpty();
        assertThat(below(top, Optional.of(top.id()), 50))
                .as("the top is not in its own branch")
                .isEmpty();
        assertThat(below(top, Optional.of(new LocalUserId(987_654)), 50)).isEmpty();
        assertThat(below(a, Optional.of(a.id()), 50)).isEmpty();
    }

    @Test
    void adminsInABranchAreListedLikeEveryoneElse() {
        LocalUser top = root();
        LocalUser admin = account(Optional.of(top), true);
        invitedBy(admin);

        assertThat(below(top, Optional.empty(), 50))
                .extracting(member -> member.user().admin())
                .containsExactly(true, false);
    }

    @Test
    void aRandomForestReadsAsTheDomainWalksIt() {
        Random random = new Random(7);
        List<LocalUser> accounts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            accounts.add(
                    accounts.isEmpty() || random.nextInt(6) == 0
                            ? root()
                            : invitedBy(accounts.get(random.nextInt(accounts.size()))));
        }

        for (LocalUser top : accounts) {
            assertThat(asMembers(walkBelow(top, 1 + random.nextInt(9))))
                    .as("the branch of %s", top.name())
                    .isEqualTo(expectedBelow(top));
            assertThat(walkAncestry(top, 1 + random.nextInt(4)))
                    .extracting(LocalUser::id)
                    .as("the ancestry of %s", top.name())
                    .isEqualTo(expectedAncestry(top));
        }
    }

    // --- the ancestry of an account ---

    @Test
    void theAncestryIsTheInviterAndItsInvitersUpToOneThatJoinedWithoutAnInvite() {
        LocalUser founder = root();
        List<LocalUser> chain = chainBelow(founder, 4);
        LocalUser last = chain.get(3);

        assertThat(ancestry(last, Optional.empty(), 50))
                .extracting(LocalUser::id)
                .containsExactly(
                        chain.get(2).id(), chain.get(1).id(), chain.get(0).id(), founder.id());
        assertThat(ancestry(last, Optional.empty(), 50))
                .first()
                .isEqualTo(stored(chain.get(2).id()));
    }

    @Test
    void anAccountThatJoinedWithoutAnInviteHasNoAncestry() {
        LocalUser founder = root();
        invitedBy(founder);

        assertThat(ancestry(founder, Optional.empty(), 50)).isEmpty();
        assertThat(tx(() -> branches().ancestry(new LocalUserId(987_654), Optional.empty(), 50)))
                .isEmpty();
    }

    @Test
    void aLongAncestryIsPagedAfterTheLastInviterServed() {
        LocalUser founder = root();
        List<LocalUser> chain = chainBelow(founder, 30);
        LocalUser last = chain.get(29);

        List<LocalUser> first = ancestry(last, Optional.empty(), 4);
        List<LocalUser> second = ancestry(last, Optional.of(first.get(3).id()), 4);

        assertThat(first)
                .extracting(LocalUser::id)
                .containsExactly(
                        chain.get(28).id(),
                        chain.get(27).id(),
                        chain.get(26).id(),
                        chain.get(25).id());
        assertThat(second).extracting(LocalUser::id).startsWith(chain.get(24).id());
        assertThat(walkAncestry(last, 4)).extracting(LocalUser::id).isEqualTo(expectedAncestry(last));
        assertThat(walkAncestry(last, 4))
                .hasSize(30)
                .last()
                .extracting(LocalUser::id)
                .isEqualTo(founder.id());
    }

    @Test
    void aCursorThatIsNotAboveTheAccountEndsTheAncestry() {
        LocalUser founder = root();
        LocalUser a = invitedBy(founder);
        LocalUser b = invitedBy(a);
        LocalUser sibling = invitedBy(founder);

        assertThat(ancestry(b, Optional.of(sibling.id()), 50)).isEmpty();
        assertThat(ancestry(b, Optional.of(b.id()), 50)).isEmpty();
        assertThat(ancestry(b, Optional.of(founder.id()), 50)).isEmpty();
        assertThat(ancestry(b, Optional.of(a.id()), 50))
                .extracting(LocalUser::id)
                .containsExactly(founder.id());
    }
}
