package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.SessionRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SessionRepository}, for every adapter. */
public abstract class SessionRepositoryContractTest {

    private static final Instant EXPIRY = T0.plus(Duration.ofDays(7));

    protected abstract StoreFixture store();

    private LocalUser alice;

    @BeforeEach
    void resetStore() {
        store().reset();
        alice = tx(() -> store().users().add(user("alice"), "hash"));
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private SessionRepository sessions() {
        return store().sessions();
    }

    private void add(String tokenHash, LocalUserId userId, Optional<Instant> expiresAt) {
        store().transactions().run(() -> sessions().add(tokenHash, userId, T0, expiresAt));
    }

    @Test
    void sessionFindsItsUserBeforeItExpires() {
        add("session-hash", alice.id(), Optional.of(EXPIRY));

        assertThat(tx(() -> sessions().findUser("session-hash", T0).map(LocalUser::id)))
                .contains(alice.id());
        assertThat(tx(() -> sessions()
                        .findUser("session-hash", EXPIRY.minusSeconds(1))
                        .map(LocalUser::id)))
                .contains(alice.id());
    }

    @Test
    void sessionFindsItsAccountInOneLookupUntilItExpires() {
        add("session-hash", alice.id(), Optional.of(EXPIRY));

        assertThat(tx(() -> sessions().findUser("session-hash", T0))).contains(alice);
        assertThat(tx(() -> sessions().findUser("session-hash", EXPIRY.minusSeconds(1))))
                .contains(alice);
        assertThat(tx(() -> sessions().findUser("session-hash", EXPIRY))).isEmpty();
        assertThat(tx(() -> sessions().findUser("other-hash", T0))).isEmpty();
    }

    @Test
    void sessionWithoutExpiryFindsItsAccountUntilDeleted() {
        add("session-hash", alice.id(), Optional.empty());

        assertThat(tx(() -> sessions().findUser("session-hash", T0.plus(Duration.ofDays(36_500)))))
                .contains(alice);
        store().transactions().run(() -> sessions().delete("session-hash"));
        assertThat(tx(() -> sessions().findUser("session-hash", T0))).isEmpty();
    }

    @Test
    void sessionExpiringExactlyNowIsExpired() {
        add("session-hash", alice.id(), Optional.of(EXPIRY));

        assertThat(tx(() -> sessions().findUser("session-hash", EXPIRY).map(LocalUser::id)))
                .isEmpty();
    }

    @Test
    void sessionAfterItsExpiryIsExpired() {
        add("session-hash", alice.id(), Optional.of(EXPIRY));

        assertThat(tx(() -> sessions()
                        .findUser("session-hash", EXPIRY.plusSeconds(1))
                        .map(LocalUser::id)))
                .isEmpty();
    }

    @Test
    void sessionWithoutExpiryNeverExpires() {
        add("session-hash", alice.id(), Optional.empty());

        assertThat(tx(() -> sessions()
                        .findUser("session-hash", T0.plus(Duration.ofDays(36_500)))
                        .map(LocalUser::id)))
                .contains(alice.id());
    }

    @Test
    void unknownTokenHashFindsNoUser() {
        add("session-hash", alice.id(), Optional.empty());

        assertThat(tx(() -> sessions().findUser("other-hash", T0).map(LocalUser::id)))
                .isEmpty();
    }

    @Test
    void deletedSessionFindsNoUser() {
        add("session-hash", alice.id(), Optional.empty());

        store().transactions().run(() -> sessions().delete("session-hash"));

        assertThat(tx(() -> sessions().findUser("session-hash", T0).map(LocalUser::id)))
                .isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatSession() {
        LocalUser bob = tx(() -> store().users().add(user("bob"), "hash"));
        add("alice-phone", alice.id(), Optional.empty());
        add("alice-laptop", alice.id(), Optional.of(EXPIRY));
        add("bob-phone", bob.id(), Optional.empty());

        store().transactions().run(() -> sessions().delete("alice-phone"));

        assertThat(tx(() -> sessions().findUser("alice-phone", T0).map(LocalUser::id)))
                .isEmpty();
        assertThat(tx(() -> sessions().findUser("alice-laptop", T0).map(LocalUser::id)))
                .contains(alice.id());
        assertThat(tx(() -> sessions().findUser("bob-phone", T0).map(LocalUser::id)))
                .contains(bob.id());
    }

    @Test
    void deleteExpiredRemovesOnlyExpiredSessionsInBoundedBatches() {
        add("expired-1", alice.id(), Optional.of(EXPIRY.minusSeconds(10)));
        add("expired-2", alice.id(), Optional.of(EXPIRY.minusSeconds(5)));
        add("expires-exactly-now", alice.id(), Optional.of(EXPIRY));
        add("still-valid", alice.id(), Optional.of(EXPIRY.plusSeconds(1)));
        add("stays-logged-in", alice.id(), Optional.empty());

        assertThat(tx(() -> sessions().deleteExpired(EXPIRY, 2))).isEqualTo(2);
        assertThat(tx(() -> sessions().deleteExpired(EXPIRY, 2))).isEqualTo(1);
        assertThat(tx(() -> sessions().deleteExpired(EXPIRY, 2))).isZero();

        assertThat(tx(() -> sessions().findUser("still-valid", T0).map(LocalUser::id)))
                .contains(alice.id());
        assertThat(tx(() -> sessions().findUser("stays-logged-in", T0).map(LocalUser::id)))
                .contains(alice.id());
        for (String gone : new String[] {"expired-1", "expired-2", "expires-exactly-now"}) {
            assertThat(tx(() -> sessions().findUser(gone, T0).map(LocalUser::id)))
                    .as(gone)
                    .isEmpty();
        }
    }

    @Test
    void deletingAnUnknownSessionDoesNothing() {
        add("session-hash", alice.id(), Optional.empty());

        store().transactions().run(() -> sessions().delete("unknown-hash"));

        assertThat(tx(() -> sessions().findUser("session-hash", T0).map(LocalUser::id)))
                .contains(alice.id());
    }

    @Test
    void deleteAllOfEndsEverySessionOfThatAccountAndNoOther() {
        LocalUser bob = tx(() -> store().users().add(user("bob"), "hash"));
        add("alice-phone", alice.id(), Optional.empty());
        add("alice-laptop", alice.id(), Optional.of(EXPIRY));
        add("alice-expired", alice.id(), Optional.of(T0.minusSeconds(1)));
        add("bob-phone", bob.id(), Optional.empty());

        assertThat(tx(() -> sessions().deleteAllOf(alice.id()))).isEqualTo(3);

        for (String gone : new String[] {"alice-phone", "alice-laptop"}) {
            assertThat(tx(() -> sessions().findUser(gone, T0))).as(gone).isEmpty();
        }
        assertThat(tx(() -> sessions().deleteExpired(EXPIRY.plusSeconds(1), 10)))
                .as("the expired session went too")
                .isZero();
        assertThat(tx(() -> sessions().findUser("bob-phone", T0).map(LocalUser::id)))
                .contains(bob.id());
    }

    @Test
    void deleteAllOfAnAccountWithoutSessionsDeletesNothing() {
        LocalUser bob = tx(() -> store().users().add(user("bob"), "hash"));
        add("alice-phone", alice.id(), Optional.empty());

        assertThat(tx(() -> sessions().deleteAllOf(bob.id()))).isZero();

        assertThat(tx(() -> sessions().findUser("alice-phone", T0).map(LocalUser::id)))
                .contains(alice.id());
    }

    @Test
    void deleteAllOfInAFailingTransactionIsUndone() {
        add("alice-phone", alice.id(), Optional.empty());

        assertThatThrownBy(() -> store().transactions().run(() -> {
                    sessions().deleteAllOf(alice.id());
                    throw new IllegalStateException("the block fails after the delete");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(tx(() -> sessions().findUser("alice-phone", T0).map(LocalUser::id)))
                .contains(alice.id());
    }
}
