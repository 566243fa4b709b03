package guestlist.application.port.out.contract;

import static guestlist.application.port.out.contract.Samples.T0;
import static guestlist.application.port.out.contract.Samples.admin;
import static guestlist.application.port.out.contract.Samples.at;
import static guestlist.application.port.out.contract.Samples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.AlreadyStoredException;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link RegistrationApplicationRepository}, for every adapter. */
public abstract class RegistrationApplicationRepositoryContractTest {

    protected abstract StoreFixture store();

    private LocalUser root;

    @BeforeEach
    void resetStore() {
        store().reset();
        root = tx(() -> store().users().add(admin("root", T0), "hash"));
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private RegistrationApplicationRepository applications() {
        return store().applications();
    }

    /** An applicant's account and its application, made at {@code T0 + seconds}. */
    private RegistrationApplication apply(String name, long seconds) {
        return tx(() -> {
            LocalUser applicant = store().users().add(user(name), "hash");
            return applications().add(applicant.id(), "answer of " + name, at(seconds));
        });
    }

    private RegistrationApplication decide(
            RegistrationApplication application, boolean approve, Optional<String> reason, long seconds) {
        RegistrationApplication decided = application.decide(root, approve, reason, at(seconds));
        store().transactions().run(() -> applications().saveDecision(decided));
        return decided;
    }

    @Test
    void addedApplicationIsUnreadAndReadBackWithEveryField() {
        LocalUser applicant = tx(() -> store().users().add(user("alice"), "hash"));

        RegistrationApplication added = tx(() -> applications().add(applicant.id(), "I like forums", at(7)));

        assertThat(added.userId()).isEqualTo(applicant.id());
        assertThat(added.answer()).isEqualTo("I like forums");
        assertThat(added.publishedAt()).isEqualTo(at(7));
        assertThat(added.unread()).isTrue();
        assertThat(added.denyReason()).isEmpty();
        assertThat(added.updatedAt()).isEmpty();
        assertThat(tx(() -> applications().findById(added.id()))).contains(added);
        assertThat(tx(() -> applications().findByUserId(applicant.id()))).contains(added);
    }

    @Test
    void anAccountHasAtMostOneApplication() {
        RegistrationApplication first = apply("alice", 1);

        assertThatThrownBy(() -> tx(() -> applications().add(first.userId(), "again", at(2))))
                .isInstanceOf(AlreadyStoredException.class);
        assertThat(tx(() -> applications().findByUserId(first.userId()))).contains(first);
    }

    @Test
    void addedApplicationsGetDistinctIds() {
        assertThat(apply("alice", 1).id()).isNotEqualTo(apply("bob", 2).id());
    }

    @Test
    void unknownIdsAreNotFound() {
        RegistrationApplication added = apply("alice", 1);

        assertThat(tx(() -> applications().findById(new ApplicationId(added.id().value() + 1000))))
                .isEmpty();
        assertThat(tx(() -> applications().findByUserId(root.id()))).isEmpty();
    }

    @Test
    void saveDecisionWritesAdminReasonAndTime() {
        RegistrationApplication added = apply("alice", 1);

        RegistrationApplication denied = decide(added, false, Optional.of("too vague"), 60);

        RegistrationApplication found =
                tx(() -> applications().findById(added.id())).orElseThrow();
        assertThat(found).isEqualTo(denied);
        assertThat(found.adminId()).contains(root.id());
        assertThat(found.denyReason()).contains("too vague");
        assertThat(found.updatedAt()).contains(at(60));
        assertThat(found.unread()).isFalse();
    }

    @Test
    void laterDecisionReplacesTheEarlierOne() {
        RegistrationApplication added = apply("alice", 1);
        RegistrationApplication denied = decide(added, false, Optional.of("too vague"), 60);

        RegistrationApplication approved = decide(denied, true, Optional.empty(), 120);

        RegistrationApplication found =
                tx(() -> applications().findById(added.id())).orElseThrow();
        assertThat(found).isEqualTo(approved);
        assertThat(found.denyReason()).isEmpty();
        assertThat(found.updatedAt()).contains(at(120));
    }

    @Test
    void saveDecisionTouchesOnlyThatApplication() {
        RegistrationApplication alice = apply("alice", 1);
        RegistrationApplication bob = apply("bob", 2);

        decide(alice, true, Optional.empty(), 60);

        assertThat(tx(() -> applications().findById(bob.id()))).contains(bob);
    }

    @Test
    void listIsOldestFirst() {
        RegistrationApplication first = apply("alice", 1);
        RegistrationApplication second = apply("bob", 2);
        RegistrationApplication third = apply("carol", 3);

        assertThat(tx(() -> applications().list(false, Optional.empty(), 10))).containsExactly(first, second, third);
    }

    @Test
    void unreadOnlyListSkipsDecidedApplications() {
        RegistrationApplication first = apply("alice", 1);
        RegistrationApplication second = apply("bob", 2);
        RegistrationApplication third = apply("carol", 3);
        RegistrationApplication approved = decide(second, true, Optional.empty(), 60);

        assertThat(tx(() -> applications().list(true, Optional.empty(), 10))).containsExactly(first, third);
        assertThat(tx(() -> applications().list(false, Optional.empty(), 10))).containsExactly(first, approved, third);
    }

    @Test
    void deniedApplicationIsNotUnread() {
        RegistrationApplication first = apply("alice", 1);
        decide(first, false, Optional.empty(), 60);

        assertThat(tx(() -> applications().list(true, Optional.empty(), 10))).isEmpty();
    }

    @Test
    void listStopsAtTheLimit() {
        List<RegistrationApplication> added = applyMany(5);

        assertThat(tx(() -> applications().list(false, Optional.empty(), 2)))
                .containsExactly(added.get(0), added.get(1));
    }

    @Test
    void listAfterAnIdStartsAboveIt() {
        List<RegistrationApplication> added = applyMany(5);

        assertThat(tx(() -> applications().list(false, Optional.of(added.get(1).id()), 2)))
                .containsExactly(added.get(2), added.get(3));
    }

    @Test
    void unreadOnlyListAfterAnIdSkipsDecidedOnes() {
        List<RegistrationApplication> added = applyMany(5);
        decide(added.get(2), true, Optional.empty(), 60);

        assertThat(tx(() -> applications().list(true, Optional.of(added.get(0).id()), 10)))
                .containsExactly(added.get(1), added.get(3), added.get(4));
    }

    @Test
    void listAfterTheNewestIsEmpty() {
        List<RegistrationApplication> added = applyMany(2);

        assertThat(tx(() -> applications().list(false, Optional.of(added.get(1).id()), 10)))
                .isEmpty();
    }

    @Test
    void listPagesThroughEveryApplicationOnce() {
        List<RegistrationApplication> added = applyMany(7);
        List<RegistrationApplication> seen = new ArrayList<>();
        Optional<ApplicationId> afterId = Optional.empty();
        while (true) {
            Optional<ApplicationId> cursor = afterId;
            List<RegistrationApplication> page = tx(() -> applications().list(true, cursor, 3));
            seen.addAll(page);
            if (page.size() < 3) {
                break;
            }
            afterId = Optional.of(page.get(page.size() - 1).id());
        }

        assertThat(seen).containsExactlyElementsOf(added);
    }

    private List<RegistrationApplication> applyMany(int count) {
        List<RegistrationApplication> added = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            added.add(apply("applicant" + i, i));
        }
        return added;
    }
}
