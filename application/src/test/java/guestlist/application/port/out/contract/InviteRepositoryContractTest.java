package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.invite;
import static guestlist.application.port.out.contract.Samples.token;
import static guestlist.application.port.out.contract.Samples.unlimitedInvite;
import static guestlist.application.port.out.contract.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.AlreadyStoredException;
import guestlist.application.port.out.InviteRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link InviteRepository}, for every adapter. */
public abstract class InviteRepositoryContractTest {

    /** The "now" of the usability checks; the invites are made at {@link Samples#T0}, before it. */
    private static final Instant NOW = at(3_600);

    protected abstract StoreFixture store();

    private LocalUser alice;
    private LocalUser bob;

    @BeforeEach
    void resetStore() {
        store().reset();
        alice = tx(() -> store().users().add(user("alice"), "hash"));
        bob = tx(() -> store().users().add(user("bob"), "hash"));
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private InviteRepository invites() {
        return store().invites();
    }

    private Invite add(NewInvite invite) {
        return tx(() -> invites().add(invite));
    }

    private Invite usedTimes(Invite invite, int uses) {
        Invite used = new Invite(
                invite.id(),
                invite.token(),
                invite.creatorId(),
                invite.maxUses(),
                uses,
                invite.expiresAt(),
                invite.publishedAt(),
                invite.comment());
        store().transactions().run(() -> invites().updateUses(used));
        return used;
    }

    @Test
    void addedInviteStartsUnusedAndIsReadBackWithEveryField() {
        NewInvite newInvite = invite(1, alice.id(), Optional.of(5), Optional.of(at(86_400)));

        Invite added = add(newInvite);

        assertThat(added).isEqualTo(newInvite.withId(added.id()));
        assertThat(added.usesCount()).isZero();
        assertThat(tx(() -> invites().findByToken(token(1)))).contains(added);
    }

    @Test
    void aTokenNamesOneInviteOnly() {
        Invite first = add(unlimitedInvite(1, alice.id()));

        assertThatThrownBy(() -> add(unlimitedInvite(1, bob.id()))).isInstanceOf(AlreadyStoredException.class);
        assertThat(tx(() -> invites().findByToken(token(1)))).contains(first);
    }

    @Test
    void inviteWithoutLimitsKeepsThemAbsent() {
        Invite added = add(unlimitedInvite(1, alice.id()));

        Invite found = tx(() -> invites().findByToken(token(1))).orElseThrow();

        assertThat(found).isEqualTo(added);
        assertThat(found.maxUses()).isEmpty();
        assertThat(found.expiresAt()).isEmpty();
    }

    @Test
    void addedInvitesGetDistinctIds() {
        Invite first = add(unlimitedInvite(1, alice.id()));
        Invite second = add(unlimitedInvite(2, alice.id()));

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void unknownTokenIsNotFound() {
        add(unlimitedInvite(1, alice.id()));

        assertThat(tx(() -> invites().findByToken(token(2)))).isEmpty();
    }

    @Test
    void findByTokensReadsTheInvitesOfTheTokensThatNameOneInOneLookUp() {
        Invite first = add(unlimitedInvite(1, alice.id()));
        Invite used = usedTimes(add(invite(2, bob.id(), Optional.of(2), Optional.of(at(60)))), 2);
        add(unlimitedInvite(3, alice.id()));

        assertThat(tx(() -> invites().findByTokens(Set.of(token(1), token(2), token(4)))))
                .containsExactlyInAnyOrder(first, used);
        assertThat(tx(() -> invites().findByTokens(Set.of(token(4))))).isEmpty();
        assertThat(tx(() -> invites().findByTokens(Set.of()))).isEmpty();
    }

    @Test
    void findByTokensReadsManyTokensAtOnce() {
        List<Invite> added = new ArrayList<>();
        Set<InviteToken> asked = new HashSet<>();
        for (int n = 1; n <= 300; n++) {
            added.add(add(unlimitedInvite(n, n % 2 == 0 ? alice.id() : bob.id())));
            asked.add(token(n));
            asked.add(token(1_000 + n));
        }

        assertThat(tx(() -> invites().findByTokens(asked))).containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void lockByTokenReadsTheInvite() {
        Invite added = add(invite(1, alice.id(), Optional.of(3), Optional.empty()));

        assertThat(tx(() -> invites().lockByToken(token(1)))).contains(added);
    }

    @Test
    void lockByUnknownTokenIsEmpty() {
        assertThat(tx(() -> invites().lockByToken(token(9)))).isEmpty();
    }

    @Test
    void updateUsesWritesTheCount() {
        Invite added = add(invite(1, alice.id(), Optional.of(3), Optional.empty()));
        Invite other = add(invite(2, alice.id(), Optional.of(3), Optional.empty()));

        Invite used = usedTimes(added, 2);

        assertThat(tx(() -> invites().findByToken(token(1)))).contains(used);
        assertThat(tx(() -> invites().findByToken(token(2)))).contains(other);
    }

    @Test
    void deleteRemovesOnlyThatInvite() {
        Invite doomed = add(unlimitedInvite(1, alice.id()));
        add(unlimitedInvite(2, alice.id()));

        store().transactions().run(() -> invites().delete(doomed.id()));

        assertThat(tx(() -> invites().findByToken(token(1)))).isEmpty();
        assertThat(tx(() -> invites().findByToken(token(2)))).isPresent();
    }

    @Test
    void deletingAnUnknownInviteDoesNothing() {
        add(unlimitedInvite(1, alice.id()));

        store().transactions().run(() -> invites().delete(new InviteId(424242)));

        assertThat(tx(() -> invites().findByToken(token(1)))).isPresent();
    }

    @Test
    void unlimitedInviteIsUsable() {
        add(unlimitedInvite(1, alice.id()));

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isEqualTo(1);
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .hasSize(1);
    }

    @Test
    void inviteExpiringLaterIsUsable() {
        add(invite(1, alice.id(), Optional.empty(), Optional.of(NOW.plusSeconds(1))));

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isEqualTo(1);
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .hasSize(1);
    }

    @Test
    void inviteExpiringExactlyNowIsNotUsable() {
        add(invite(1, alice.id(), Optional.empty(), Optional.of(NOW)));

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isZero();
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void expiredInviteIsNotUsable() {
        add(invite(1, alice.id(), Optional.empty(), Optional.of(NOW.minusSeconds(1))));

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isZero();
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void usedUpInviteIsNotUsable() {
        usedTimes(add(invite(1, alice.id(), Optional.of(2), Optional.empty())), 2);

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isZero();
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void partlyUsedInviteIsUsable() {
        Invite used = usedTimes(add(invite(1, alice.id(), Optional.of(2), Optional.empty())), 1);

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isEqualTo(1);
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .containsExactly(used);
    }

    @Test
    void countUsableCountsOnlyTheCreatorsUsableInvites() {
        add(unlimitedInvite(1, alice.id()));
        add(invite(2, alice.id(), Optional.of(1), Optional.of(NOW.plusSeconds(60))));
        add(invite(3, alice.id(), Optional.empty(), Optional.of(NOW)));
        usedTimes(add(invite(4, alice.id(), Optional.of(1), Optional.empty())), 1);
        add(unlimitedInvite(5, bob.id()));

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isEqualTo(2);
        assertThat(tx(() -> invites().countUsable(bob.id(), NOW))).isEqualTo(1);
        assertThat(tx(() -> invites().countUsable(new LocalUserId(424242), NOW)))
                .isZero();
    }

    @Test
    void listUsableIsNewestFirstAndOnlyTheCreators() {
        Invite first = add(unlimitedInvite(1, alice.id()));
        add(unlimitedInvite(2, bob.id()));
        Invite second = add(unlimitedInvite(3, alice.id()));
        add(invite(4, alice.id(), Optional.empty(), Optional.of(NOW.minusSeconds(1))));
        Invite third = add(invite(5, alice.id(), Optional.of(10), Optional.of(NOW.plusSeconds(1))));

        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .containsExactly(third, second, first);
    }

    @Test
    void listUsableStopsAtTheLimit() {
        List<Invite> added = addInvites(5);

        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 2)))
                .containsExactly(added.get(4), added.get(3));
    }

    @Test
    void listUsableBeforeAnIdStartsBelowIt() {
        List<Invite> added = addInvites(5);
        InviteId beforeId = added.get(3).id();

        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.of(beforeId), 2)))
                .containsExactly(added.get(2), added.get(1));
    }

    @Test
    void listUsablePagesThroughEveryInviteOnce() {
        List<Invite> added = addInvites(7);
        List<Invite> seen = new ArrayList<>();
        Optional<InviteId> beforeId = Optional.empty();
        while (true) {
            Optional<InviteId> cursor = beforeId;
            List<Invite> page = tx(() -> invites().listUsable(alice.id(), NOW, cursor, 3));
            seen.addAll(page);
            if (page.size() < 3) {
                break;
            }
            beforeId = Optional.of(page.get(page.size() - 1).id());
        }

        List<Invite> newestFirst = new ArrayList<>(added);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listUsableBelowTheOldestIsEmpty() {
        List<Invite> added = addInvites(2);

        assertThat(tx(() -> invites()
                        .listUsable(alice.id(), NOW, Optional.of(added.get(0).id()), 10)))
                .isEmpty();
    }

    private List<Invite> addInvites(int count) {
        List<Invite> added = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            added.add(add(unlimitedInvite(i, alice.id())));
        }
        return added;
    }

    @Test
    void deleteExpiredDeletesAtMostTheBatchAndSaysHowMany() {
        for (int i = 1; i <= 4; i++) {
            add(invite(i, alice.id(), Optional.empty(), Optional.of(NOW.minusSeconds(i))));
        }
        add(invite(5, bob.id(), Optional.empty(), Optional.of(NOW)));

        assertThat(tx(() -> invites().deleteExpired(NOW, 3))).isEqualTo(3);
        assertThat(tx(() -> invites().deleteExpired(NOW, 3))).isEqualTo(2);
        assertThat(tx(() -> invites().deleteExpired(NOW, 3))).isZero();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            assertThat(tx(() -> invites().findByToken(token(n)))).isEmpty();
        }
    }

    @Test
    void deleteExpiredKeepsInvitesThatHaveNotExpired() {
        add(invite(1, alice.id(), Optional.empty(), Optional.of(NOW)));
        add(invite(2, alice.id(), Optional.empty(), Optional.of(NOW.plusSeconds(1))));
        add(unlimitedInvite(3, alice.id()));
        usedTimes(add(invite(4, bob.id(), Optional.of(1), Optional.empty())), 1);

        assertThat(tx(() -> invites().deleteExpired(NOW, 100))).isEqualTo(1);

        assertThat(tx(() -> invites().findByToken(token(1)))).isEmpty();
        assertThat(tx(() -> invites().findByToken(token(2)))).isPresent();
        assertThat(tx(() -> invites().findByToken(token(3)))).isPresent();
        assertThat(tx(() -> invites().findByToken(token(4)))).isPresent();
    }

    @Test
    void deleteExpiredWithNothingExpiredDeletesNothing() {
        add(unlimitedInvite(1, alice.id()));

        assertThat(tx(() -> invites().deleteExpired(T0, 10))).isZero();
        assertThat(tx(() -> invites().findByToken(token(1)))).isPresent();
    }

    // --- comments -----------------------------------------------------------------------------------

    @Test
    void commentIsStoredAndReadBackAsWritten() {
        String comment = "for my sister Ann \uD83C\uDF89 '; DROP TABLE x; -- " + "c".repeat(150);
        Invite added = add(invite(1, alice.id(), T0, Optional.of(comment)));

        assertThat(added.comment()).contains(comment);
        assertThat(tx(() -> invites().findByToken(token(1)))).contains(added);
        assertThat(tx(() -> invites().lockByToken(token(1)))).contains(added);
        assertThat(tx(() -> invites().listUsable(alice.id(), NOW, Optional.empty(), 10)))
                .containsExactly(added);
    }

    @Test
    void inviteWithoutCommentHasNone() {
        assertThat(add(unlimitedInvite(1, alice.id())).comment()).isEmpty();
        assertThat(tx(() -> invites().findByToken(token(1))).orElseThrow().comment())
                .isEmpty();
    }

    @Test
    void updateUsesKeepsTheComment() {
        Invite added = add(invite(1, alice.id(), T0, Optional.of("keep me")));

        usedTimes(added, 1);

        assertThat(tx(() -> invites().findByToken(token(1))).orElseThrow().comment())
                .contains("keep me");
    }

    // --- the records of the daily quotas -----------------------------------------------------------

    /** When the creator added its n-th latest invite, as the store answers in one transaction. */
    private Optional<Instant> nthLatest(LocalUserId creatorId, int n) {
        return tx(() -> invites().nthLatestAddition(creatorId, n));
    }

    /** How many invites the store remembers the creator adding after {@code since}: latest first. */
    private int addedSince(LocalUserId creatorId, Instant since) {
        int n = 0;
        while (nthLatest(creatorId, n + 1).filter(at -> at.isAfter(since)).isPresent()) {
            n++;
        }
        return n;
    }

    @Test
    void nthLatestAdditionNamesWhenTheCreatorAddedItsNthLatestInvite() {
        add(invite(1, alice.id(), at(10), Optional.empty()));
        add(invite(2, alice.id(), at(20), Optional.empty()));
        add(invite(3, alice.id(), at(30), Optional.empty()));
        add(invite(4, bob.id(), at(30), Optional.empty()));

        assertThat(nthLatest(alice.id(), 1)).contains(at(30));
        assertThat(nthLatest(alice.id(), 2)).contains(at(20));
        assertThat(nthLatest(alice.id(), 3)).contains(at(10));
        assertThat(nthLatest(alice.id(), 4)).as("alice added three").isEmpty();
        assertThat(nthLatest(alice.id(), 1_000)).isEmpty();
        assertThat(nthLatest(bob.id(), 1)).contains(at(30));
        assertThat(nthLatest(bob.id(), 2)).isEmpty();
        assertThat(nthLatest(new LocalUserId(424242), 1)).isEmpty();
        assertThat(addedSince(alice.id(), at(9))).isEqualTo(3);
        assertThat(addedSince(alice.id(), at(10))).as("strictly after").isEqualTo(2);
        assertThat(addedSince(alice.id(), at(30))).isZero();
    }

    /**
     * Another process whose clock is behind stamps an addition earlier than the one before it: the
     * record keeps the order of the additions and takes the instant of the one before, so that the
     * instants of one creator's records never go back and the n-th latest answers for them all.
     */
    @Test
    void anAdditionStampedBeforeTheCreatorsPreviousOneIsRecordedAtThePreviousInstant() {
        add(invite(1, alice.id(), at(30), Optional.empty()));
        Invite late = add(invite(2, alice.id(), at(20), Optional.empty()));
        add(invite(3, alice.id(), at(40), Optional.empty()));

        assertThat(late.publishedAt()).as("the invite keeps its own instant").isEqualTo(at(20));
        assertThat(nthLatest(alice.id(), 1)).contains(at(40));
        assertThat(nthLatest(alice.id(), 2)).contains(at(30));
        assertThat(nthLatest(alice.id(), 3)).contains(at(30));
        assertThat(addedSince(alice.id(), at(25))).isEqualTo(3);
    }

    @Test
    void nthLatestAdditionStillCountsInvitesThatAreGone() {
        Invite revoked = add(invite(1, alice.id(), at(10), Optional.empty()));
        Invite usedUp = add(invite(2, alice.id(), Optional.of(1), Optional.empty()));
        add(invite(3, alice.id(), Optional.empty(), Optional.of(at(20))));
        store().transactions().run(() -> invites().delete(revoked.id()));
        store().transactions().run(() -> invites().delete(usedUp.id()));
        assertThat(tx(() -> invites().deleteExpired(NOW, 10))).isEqualTo(1);

        assertThat(tx(() -> invites().countUsable(alice.id(), NOW))).isZero();
        assertThat(nthLatest(alice.id(), 3)).contains(at(10));
        assertThat(addedSince(alice.id(), at(-1))).isEqualTo(3);
    }

    @Test
    void anInviteThatFailedToBeAddedIsNotCounted() {
        add(invite(1, alice.id(), at(10), Optional.empty()));

        assertThatThrownBy(() -> add(invite(1, alice.id(), at(11), Optional.empty())))
                .isInstanceOf(AlreadyStoredException.class);

        assertThat(nthLatest(alice.id(), 1)).contains(at(10));
        assertThat(nthLatest(alice.id(), 2)).isEmpty();
    }

    @Test
    void lockSignupsSinceCountsTheSignupsRecordedStrictlyAfterTheInstant() {
        store().transactions().run(() -> {
            invites().recordSignup(at(10));
            invites().recordSignup(at(20));
            invites().recordSignup(at(20));
        });

        assertThat(tx(() -> invites().lockSignupsSince(at(9)))).isEqualTo(3);
        assertThat(tx(() -> invites().lockSignupsSince(at(10)))).isEqualTo(2);
        assertThat(tx(() -> invites().lockSignupsSince(at(20)))).isZero();
    }

    @Test
    void signupsRecordedInATransactionThatRollsBackAreNotCounted() {
        assertThatThrownBy(() -> store().transactions().run(() -> {
                    invites().recordSignup(at(10));
                    throw new IllegalStateException("the registration failed later");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(tx(() -> invites().lockSignupsSince(T0))).isZero();
    }

    @Test
    void lockSignupsSinceSeesTheSignupsOfItsOwnTransaction() {
        long counted = tx(() -> {
            invites().recordSignup(at(10));
            long before = invites().lockSignupsSince(T0);
            invites().recordSignup(at(11));
            return before * 10 + invites().lockSignupsSince(T0);
        });

        assertThat(counted).isEqualTo(12);
    }

    @Test
    void deleteQuotaRecordsUntilDeletesOnlyRecordsUpToTheCutoffAtMostTheBatchAndSaysHowMany() {
        for (int i = 1; i <= 3; i++) {
            add(invite(i, alice.id(), at(i), Optional.empty()));
        }
        add(invite(4, bob.id(), at(5), Optional.empty()));
        store().transactions().run(() -> {
            invites().recordSignup(at(1));
            invites().recordSignup(at(2));
            invites().recordSignup(at(5));
        });

        assertThat(tx(() -> invites().deleteQuotaRecordsUntil(at(2), 3))).isEqualTo(3);
        assertThat(tx(() -> invites().deleteQuotaRecordsUntil(at(2), 3))).isEqualTo(1);
        assertThat(tx(() -> invites().deleteQuotaRecordsUntil(at(2), 3))).isZero();

        assertThat(nthLatest(alice.id(), 1)).contains(at(3));
        assertThat(nthLatest(alice.id(), 2)).as("the two oldest are forgotten").isEmpty();
        assertThat(nthLatest(bob.id(), 1)).contains(at(5));
        assertThat(tx(() -> invites().lockSignupsSince(at(0)))).isEqualTo(1);
        assertThat(tx(() -> invites().findByToken(token(1))))
                .as("the invites themselves stay")
                .isPresent();
    }

    @Test
    void aCreatorWhoseRecordsAreAllForgottenStartsAfresh() {
        add(invite(1, alice.id(), at(1), Optional.empty()));
        add(invite(2, alice.id(), at(2), Optional.empty()));
        assertThat(tx(() -> invites().deleteQuotaRecordsUntil(at(2), 10))).isEqualTo(2);
        assertThat(nthLatest(alice.id(), 1)).isEmpty();

        add(invite(3, alice.id(), at(10), Optional.empty()));
        add(invite(4, alice.id(), at(11), Optional.empty()));

        assertThat(nthLatest(alice.id(), 1)).contains(at(11));
        assertThat(nthLatest(alice.id(), 2)).contains(at(10));
        assertThat(nthLatest(alice.id(), 3)).isEmpty();
    }
}
