package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.token;
import static guestlist.application.port.out.contract.Samples.unlimitedInvite;
import static guestlist.application.port.out.contract.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Username;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link guestlist.application.port.out.Transactions}, for every adapter. */
public abstract class TransactionsContractTest {

    protected abstract StoreFixture store();

    @BeforeEach
    void resetStore() {
        store().reset();
    }

    @Test
    void inTransactionReturnsWhatTheBlockReturns() {
        assertThat(store().transactions().inTransaction(() -> "result")).isEqualTo("result");
    }

    @Test
    void runRunsTheBlock() {
        AtomicBoolean ran = new AtomicBoolean();

        store().transactions().run(() -> ran.set(true));

        assertThat(ran).isTrue();
    }

    @Test
    void writesOfASucceedingBlockAreCommitted() {
        LocalUser alice =
                store().transactions().inTransaction(() -> store().users().add(user("alice"), "hash"));

        assertThat(store().transactions().inTransaction(() -> store().users().findById(alice.id())))
                .contains(alice);
    }

    @Test
    void aBlockSeesItsOwnWrites() {
        Optional<LocalUser> seen = store().transactions().inTransaction(() -> {
            LocalUser alice = store().users().add(user("alice"), "hash");
            return store().users().findById(alice.id());
        });

        assertThat(seen).map(LocalUser::name).contains(new Username("alice"));
    }

    @Test
    void everyWriteIsRolledBackWhenTheBlockThrows() {
        IllegalStateException failure = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> store().transactions().run(() -> {
            LocalUser alice = store().users().add(user("alice"), "hash");
            store().sessions().add("hash-of-session", alice.id(), T0, Optional.empty());
            store().invites().add(unlimitedInvite(1, alice.id()));
            store().applications().add(alice.id(), "my answer", T0);
            store().sites()
                    .save(store().sites()
                            .get()
                            .edit(new SiteChanges(
                                    Optional.of("Renamed"),
                                    Optional.of(RegistrationMode.CLOSED),
                                    Optional.of("Why?"),
                                    Optional.of(3))));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        store().transactions().run(() -> {
            assertThat(store().users().nameTaken(new Username("alice"))).isFalse();
            assertThat(store().users().anyAdmin()).isFalse();
            assertThat(store().sessions().findUser("hash-of-session", T0).map(LocalUser::id))
                    .isEmpty();
            assertThat(store().invites().findByToken(token(1))).isEmpty();
            assertThat(store().applications().list(false, Optional.empty(), 10)).isEmpty();
            LocalSite site = store().sites().get();
            assertThat(site.name()).isNotEqualTo("Renamed");
            assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
            assertThat(site.applicationQuestion()).isEmpty();
            assertThat(site.maxInvitesPerUser()).isEqualTo(LocalSite.DEFAULT_MAX_INVITES_PER_USER);
        });
    }

    @Test
    void updatesAndDeletesAreRolledBackWhenTheBlockThrows() {
        LocalUser alice = store().transactions().inTransaction(() -> {
            LocalUser added = store().users().add(user("alice"), "hash");
            store().sessions().add("hash-of-session", added.id(), T0, Optional.empty());
            store().invites().add(unlimitedInvite(1, added.id()));
            return added;
        });

        IllegalStateException failure = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> store().transactions().run(() -> {
            store().users().setAcceptedApplication(alice.id(), false);
            store().sessions().delete("hash-of-session");
            store().invites()
                    .delete(store().invites()
                            .findByToken(token(1))
                            .orElseThrow()
                            .id());
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);

        store().transactions().run(() -> {
            assertThat(store().users().findById(alice.id()))
                    .map(LocalUser::acceptedApplication)
                    .contains(true);
            assertThat(store().sessions().findUser("hash-of-session", at(1)).map(LocalUser::id))
                    .contains(alice.id());
            assertThat(store().invites().findByToken(token(1))).isPresent();
        });
    }

    @Test
    void aRefusalPassesThroughUnchangedAndRollsBack() {
        Refusal refusal = new Refusal(Rule.INVITE_CAP_REACHED, "no more");

        Throwable thrown = catchThrowable(() -> store().transactions().inTransaction(() -> {
            store().users().add(user("alice"), "hash");
            throw refusal;
        }));

        assertThat(thrown).isSameAs(refusal);
        assertThat(((Refusal) thrown).rule()).isEqualTo(Rule.INVITE_CAP_REACHED);
        assertThat(store().transactions().inTransaction(() -> store().users().nameTaken(new Username("alice"))))
                .isFalse();
    }

    @Test
    void aFailedTransactionDoesNotSpoilTheNextOne() {
        Throwable thrown = catchThrowable(() -> store().transactions().run(() -> {
            store().users().add(user("alice"), "hash");
            store().users().add(user("ALICE"), "hash");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        UseCaseFailure.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(UseCaseFailure.Reason.USERNAME_TAKEN));

        LocalUser bob =
                store().transactions().inTransaction(() -> store().users().add(user("bob"), "hash"));

        assertThat(store().transactions().inTransaction(() -> store().users().findById(bob.id())))
                .contains(bob);
    }
}
