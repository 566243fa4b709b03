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
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
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
}
