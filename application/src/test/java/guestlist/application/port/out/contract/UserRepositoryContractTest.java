package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.admin;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.UserRepository.StoredCredentials;
import guestlist.application.port.out.UserRepository.UserFilter;
import guestlist.domain.account.Ban;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link UserRepository}, for every adapter. */
public abstract class UserRepositoryContractTest {

    protected abstract StoreFixture store();

    @BeforeEach
    void resetStore() {
        store().reset();
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private UserRepository users() {
        return store().users();
    }

    private LocalUser add(NewUser user) {
        return tx(() -> users().add(user, "hash-of-" + user.name()));
    }

    @Test
    void addedUserIsReadBackWithEveryField() {
        LocalUser inviter = add(user("inviter"));
        NewUser newUser = new NewUser(
                new Username("Alice_1"),
                Optional.of(new EmailAddress("Alice@Example.com")),
                false,
                false,
                Optional.of(inviter.id()),
                at(5));

        LocalUser added = tx(() -> users().add(newUser, "hash"));

        assertThat(added).isEqualTo(newUser.withId(added.id()));
        assertThat(tx(() -> users().findById(added.id()))).contains(added);
    }

    @Test
    void addedUsersGetDistinctIds() {
        LocalUser alice = add(user("alice"));
        LocalUser bob = add(user("bob"));

        assertThat(alice.id()).isNotEqualTo(bob.id());
    }

    @Test
    void adminFlagIsKept() {
        LocalUser root = add(admin("root", T0));

        assertThat(tx(() -> users().findById(root.id()))).map(LocalUser::admin).contains(true);
    }

    @Test
    void unknownIdIsNotFound() {
        assertThat(tx(() -> users().findById(new LocalUserId(424242)))).isEmpty();
    }

    @Test
    void nameTakenIgnoringCaseIsRefused() {
        add(user("Alice"));

        assertThatThrownBy(() -> add(user("aLICE")))
                .isInstanceOfSatisfying(
                        UseCaseFailure.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(UseCaseFailure.Reason.USERNAME_TAKEN));
    }

    @Test
    void emailTakenIgnoringCaseIsRefused() {
        add(user("alice", "alice@example.com"));

        assertThatThrownBy(() -> add(user("bob", "ALICE@Example.COM")))
                .isInstanceOfSatisfying(
                        UseCaseFailure.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(UseCaseFailure.Reason.EMAIL_TAKEN));
    }

    @Test
    void refusedUserLeavesNothingBehind() {
        add(user("alice", "alice@example.com"));

        assertThatThrownBy(() -> add(user("bob", "alice@example.com"))).isInstanceOf(UseCaseFailure.class);

        assertThat(tx(() -> users().nameTaken(new Username("bob")))).isFalse();
        assertThat(tx(() -> users().findCredentials("bob"))).isEmpty();
    }

    @Test
    void usersWithoutEmailDoNotClash() {
        LocalUser alice = add(user("alice"));
        LocalUser bob = add(user("bob"));

        assertThat(tx(() -> users().findAllById(List.of(alice.id(), bob.id())))).hasSize(2);
    }

    @Test
    void nameTakenIgnoresCase() {
        add(user("Alice"));

        assertThat(tx(() -> users().nameTaken(new Username("ALICE")))).isTrue();
        assertThat(tx(() -> users().nameTaken(new Username("alice")))).isTrue();
        assertThat(tx(() -> users().nameTaken(new Username("alicia")))).isFalse();
    }

    @Test
    void emailTakenIgnoresCase() {
        add(user("alice", "Alice@Example.com"));

        assertThat(tx(() -> users().emailTaken(new EmailAddress("alice@example.COM"))))
                .isTrue();
        assertThat(tx(() -> users().emailTaken(new EmailAddress("alice@example.org"))))
                .isFalse();
    }

    @Test
    void credentialsAreFoundByNameIgnoringCase() {
        LocalUser alice = add(user("Alice", "alice@example.com"));

        Optional<StoredCredentials> found = tx(() -> users().findCredentials("aLiCe"));

        assertThat(found).contains(new StoredCredentials(alice, "hash-of-Alice"));
    }

    @Test
    void credentialsAreFoundByEmailIgnoringCase() {
        LocalUser alice = add(user("alice", "Alice@Example.com"));

        Optional<StoredCredentials> found = tx(() -> users().findCredentials("ALICE@example.COM"));

        assertThat(found).contains(new StoredCredentials(alice, "hash-of-alice"));
    }

    @Test
    void textWithAnAtMatchesOnlyEmails() {
        add(user("alice", "bob@example.com"));
        add(user("bob"));

        assertThat(tx(() -> users().findCredentials("bob@example.com")))
                .map(c -> c.user().name().value())
                .contains("alice");
        assertThat(tx(() -> users().findCredentials("alice@example.com"))).isEmpty();
    }

    @Test
    void textWithoutAnAtMatchesOnlyNames() {
        add(user("alice", "carol@example.com"));

        assertThat(tx(() -> users().findCredentials("carol"))).isEmpty();
        assertThat(tx(() -> users().findCredentials("carol@example.com"))).isPresent();
    }

    @Test
    void unknownCredentialsAreNotFound() {
        add(user("alice", "alice@example.com"));

        assertThat(tx(() -> users().findCredentials("nobody"))).isEmpty();
        assertThat(tx(() -> users().findCredentials("nobody@example.com"))).isEmpty();
    }

    @Test
    void findAllByIdReturnsTheExistingOnes() {
        LocalUser alice = add(user("alice"));
        LocalUser bob = add(user("bob"));
        add(user("carol"));

        assertThat(tx(() -> users().findAllById(List.of(alice.id(), bob.id(), new LocalUserId(424242)))))
                .containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void findAllByIdOfNoIdsIsEmpty() {
        add(user("alice"));

        assertThat(tx(() -> users().findAllById(List.of()))).isEmpty();
    }

    @Test
    void lockByIdReadsTheUser() {
        LocalUser alice = add(user("alice"));

        assertThat(tx(() -> users().lockById(alice.id()))).contains(alice);
    }

    @Test
    void lockByUnknownIdIsEmpty() {
        assertThat(tx(() -> users().lockById(new LocalUserId(424242)))).isEmpty();
    }

    @Test
    void noAdminUntilOneIsAdded() {
        add(user("alice"));
        assertThat(tx(() -> users().anyAdmin())).isFalse();

        add(admin("root", T0));

        assertThat(tx(() -> users().anyAdmin())).isTrue();
    }

    @Test
    void adminsAreListedOldestFirstWithoutOtherUsers() {
        LocalUser first = add(admin("zed", at(1)));
        add(user("alice"));
        LocalUser second = add(admin("amy", at(2)));
        LocalUser third = add(admin("mia", at(3)));

        assertThat(tx(() -> users().admins())).containsExactly(first, second, third);
    }

    @Test
    void noAdminsIsAnEmptyList() {
        add(user("alice"));

        assertThat(tx(() -> users().admins())).isEmpty();
    }

    @Test
    void setAcceptedApplicationWritesTheFlag() {
        LocalUser pending =
                add(new NewUser(new Username("pending"), Optional.empty(), false, false, Optional.empty(), T0));
        LocalUser other = add(user("other"));

        store().transactions().run(() -> users().setAcceptedApplication(pending.id(), true));
        assertThat(tx(() -> users().findById(pending.id()))).contains(pending.withAcceptedApplication(true));

        store().transactions().run(() -> users().setAcceptedApplication(pending.id(), false));
        assertThat(tx(() -> users().findById(pending.id()))).contains(pending);
        assertThat(tx(() -> users().findById(other.id()))).contains(other);
    }

    @Test
    void passwordHashIsReadById() {
        LocalUser alice = add(user("alice"));
        add(user("bob"));

        assertThat(tx(() -> users().findPasswordHash(alice.id()))).contains("hash-of-alice");
    }

    @Test
    void passwordHashOfAnUnknownIdIsEmpty() {
        assertThat(tx(() -> users().findPasswordHash(new LocalUserId(424242)))).isEmpty();
    }

    @Test
    void setPasswordHashReplacesOnlyThatAccountsHash() {
        LocalUser alice = add(user("alice", "alice@example.com"));
        LocalUser bob = add(user("bob"));

        store().transactions().run(() -> users().setPasswordHash(alice.id(), "new-hash"));

        assertThat(tx(() -> users().findPasswordHash(alice.id()))).contains("new-hash");
        assertThat(tx(() -> users().findCredentials("alice@example.com")))
                .contains(new StoredCredentials(alice, "new-hash"));
        assertThat(tx(() -> users().findById(alice.id())))
                .as("nothing else changes")
                .contains(alice);
        assertThat(tx(() -> users().findPasswordHash(bob.id()))).contains("hash-of-bob");
    }

    @Test
    void setPasswordHashOfAnUnknownIdChangesNothing() {
        LocalUser alice = add(user("alice"));

        store().transactions().run(() -> users().setPasswordHash(new LocalUserId(424242), "new-hash"));

        assertThat(tx(() -> users().findPasswordHash(alice.id()))).contains("hash-of-alice");
    }

    @Test
    void setPasswordHashInAFailingTransactionIsUndone() {
        LocalUser alice = add(user("alice"));

        assertThatThrownBy(() -> store().transactions().run(() -> {
                    users().setPasswordHash(alice.id(), "new-hash");
                    throw new IllegalStateException("the block fails after the write");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(tx(() -> users().findPasswordHash(alice.id()))).contains("hash-of-alice");
    }

    // ---------------------------------------------------------------- list (GET /admin/users)

    private static final Instant LISTED_AT = at(3_600);

    private LocalUser invitedBy(String name, LocalUser inviter) {
        return add(new NewUser(new Username(name), Optional.empty(), false, true, Optional.of(inviter.id()), T0));
    }

    private List<LocalUser> list(UserFilter filter, Optional<Long> after, int limit) {
        return tx(() -> users().list(filter, LISTED_AT, after.map(PagePosition::new), limit));
    }

    private static UserFilter everyone(boolean newestFirst) {
        return new UserFilter(false, newestFirst, Optional.empty());
    }

    private void ban(LocalUser user, Optional<Instant> expiresAt) {
        tx(() -> store().moderation()
                .ban(new Scope(user.id(), false), new Ban("spam", expiresAt, T0), T0, Optional.empty(), 1));
    }

    @Test
    void listIsNewestOrOldestFirstAdminsIncluded() {
        LocalUser alice = add(user("alice"));
        LocalUser root = add(admin("root", T0));
        LocalUser bob = add(user("bob"));

        assertThat(list(everyone(true), Optional.empty(), 10)).containsExactly(bob, root, alice);
        assertThat(list(everyone(false), Optional.empty(), 10)).containsExactly(alice, root, bob);
    }

    @Test
    void listPagesByIdAfterThePositionInEitherOrder() {
        List<LocalUser> all = List.of(add(user("user1")), add(user("user2")), add(user("user3")), add(user("user4")));

        assertThat(list(everyone(true), Optional.empty(), 2)).containsExactly(all.get(3), all.get(2));
        assertThat(list(everyone(true), Optional.of(all.get(2).id().value()), 2))
                .containsExactly(all.get(1), all.get(0));
        assertThat(list(everyone(true), Optional.of(all.get(0).id().value()), 2))
                .isEmpty();
        assertThat(list(everyone(false), Optional.of(all.get(1).id().value()), 5))
                .containsExactly(all.get(2), all.get(3));
        assertThat(list(everyone(false), Optional.of(all.get(3).id().value()), 5))
                .isEmpty();
    }

    @Test
    void listAfterAPositionBeyondEveryIdStartsAtTheNewestAndOldestFirstEndsThere() {
        LocalUser first = add(user("first"));
        LocalUser last = add(user("last"));

        assertThat(list(everyone(true), Optional.of(Long.MAX_VALUE), 5)).containsExactly(last, first);
        assertThat(list(everyone(false), Optional.of(Long.MAX_VALUE), 5)).isEmpty();
    }

    @Test
    void bannedOnlyListsTheAccountsABanHoldsOnAtNow() {
        LocalUser forever = add(user("forever"));
        add(user("never"));
        LocalUser untilLater = add(user("until_later"));
        LocalUser ended = add(user("ended"));
        ban(forever, Optional.empty());
        ban(untilLater, Optional.of(LISTED_AT.plusSeconds(1)));
        ban(ended, Optional.of(LISTED_AT));

        assertThat(list(new UserFilter(true, true, Optional.empty()), Optional.empty(), 10))
                .extracting(LocalUser::id)
                .containsExactly(untilLater.id(), forever.id());
        assertThat(list(new UserFilter(true, false, Optional.of(untilLater.id())), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void invitedByListsOnlyThatAccountsDirectInvitees() {
        LocalUser inviter = add(user("inviter"));
        LocalUser other = add(user("other"));
        LocalUser first = invitedBy("first", inviter);
        invitedBy("others_guest", other);
        LocalUser second = invitedBy("second", inviter);
        invitedBy("grandchild", first);
        LocalUser third = invitedBy("third", inviter);
        UserFilter newest = new UserFilter(false, true, Optional.of(inviter.id()));

        assertThat(list(newest, Optional.empty(), 10))
                .extracting(LocalUser::id)
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(list(newest, Optional.of(third.id().value()), 1)).containsExactly(second);
        assertThat(list(
                        new UserFilter(false, false, Optional.of(inviter.id())),
                        Optional.of(first.id().value()),
                        10))
                .containsExactly(second, third);
        assertThat(list(new UserFilter(false, true, Optional.of(third.id())), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void invitedByAndBannedOnlyTogether() {
        LocalUser inviter = add(user("inviter"));
        LocalUser kept = invitedBy("kept", inviter);
        LocalUser banned = invitedBy("banned", inviter);
        LocalUser bannedElsewhere = add(user("elsewhere"));
        ban(banned, Optional.empty());
        ban(bannedElsewhere, Optional.empty());

        assertThat(list(new UserFilter(true, true, Optional.of(inviter.id())), Optional.empty(), 10))
                .extracting(LocalUser::id)
                .containsExactly(banned.id());
        assertThat(list(new UserFilter(false, true, Optional.of(inviter.id())), Optional.empty(), 10))
                .extracting(LocalUser::id)
                .containsExactly(banned.id(), kept.id());
    }

    @Test
    void listedAccountsCarryTheirBanAndInviteeCount() {
        LocalUser inviter = add(user("inviter"));
        invitedBy("guest", inviter);
        ban(inviter, Optional.of(LISTED_AT.plusSeconds(60)));

        LocalUser listed = list(everyone(false), Optional.empty(), 1).get(0);

        assertThat(listed.id()).isEqualTo(inviter.id());
        assertThat(listed.inviteeCount()).isEqualTo(1);
        assertThat(listed.ban()).contains(new Ban("spam", Optional.of(LISTED_AT.plusSeconds(60)), T0));
    }
}
