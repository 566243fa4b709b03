package guestlist.bootstrap.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.inmemory.InMemoryStore;
import guestlist.application.inmemory.MutableClock;
import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.out.Transactions;
import guestlist.application.service.SweepExpiredInvitesService;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import guestlist.testsupport.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Stopping the schedule while a sweep runs: the sweep is asked to stop, {@code close} waits until it
 * has ended, and nothing sweeps after {@code close} has returned (the database is closed next). The
 * sweep is the real invite sweep ({@link SweepExpiredInvitesService} and its batch loop) on the in-memory store,
 * whose transactions are made slow the way a statement on the database is: a batch in hand takes
 * 200 ms and does not notice an interrupt itself.
 */
class SweepScheduleTest {

    private static final Duration BATCH = Duration.ofMillis(200);
    /** Expired invites for this many full batches: a sweep that is not stopped deletes them all. */
    private static final int BATCHES = 5;

    @Test
    void closeAsksASweepInFlightToStopAndWaitsForIt() throws Exception {
        InMemoryStore store = new InMemoryStore();
        MutableClock clock = MutableClock.startingNow();
        storeExpiredInvites(store, clock.instant(), BATCHES * SweepExpiredInvitesService.BATCH_SIZE);
        CountDownLatch sweeping = new CountDownLatch(1);
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger sessionSweeps = new AtomicInteger();
        Transactions slowBatches = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                sweeping.countDown();
                long batchEnds = System.nanoTime() + BATCH.toNanos();
                while (System.nanoTime() < batchEnds) {
                    Thread.onSpinWait();
                }
                T result = store.transactions().inTransaction(work);
                batches.incrementAndGet();
                return result;
            }
        };
        SweepExpiredInvitesService inviteSweep = new SweepExpiredInvitesService(slowBatches, store.invites(), clock);
        SweepExpiredInvitesUseCase invites = () -> {
            inFlight.set(true);
            try {
                return inviteSweep.sweepExpiredInvites();
            } finally {
                inFlight.set(false);
            }
        };
        SweepExpiredSessionsUseCase sessions = sessionSweeps::incrementAndGet;
        SweepSchedule schedule = new SweepSchedule(invites, sessions, Duration.ofMillis(10), Clock.systemUTC());
        assertThat(sweeping.await(10, TimeUnit.SECONDS)).as("a sweep started").isTrue();
        int sessionSweepsBefore = sessionSweeps.get();

        schedule.close();

        assertThat(inFlight)
                .as("close returned only once the sweep in flight had ended")
                .isFalse();
        assertThat(batches.get()).as("the batch in hand was finished").isPositive();
        assertThat(sessionSweeps.get()).as("no session sweep after the stop").isEqualTo(sessionSweepsBefore);
        int batchesAtClose = batches.get();
        Thread.sleep(300);
        assertThat(batches.get()).as("nothing sweeps after close").isEqualTo(batchesAtClose);
        assertThat(sessionSweeps.get()).isEqualTo(sessionSweepsBefore);
        assertThat(store.transactions()
                        .inTransaction(() -> store.invites().deleteExpired(clock.instant(), Integer.MAX_VALUE)))
                .as("the sweep ended after the batch in hand; the rest wait for the next sweep")
                .isPositive();
    }

    private static void storeExpiredInvites(InMemoryStore store, Instant now, int count) {
        store.transactions().run(() -> {
            LocalUser creator = store.users()
                    .add(
                            new NewUser(
                                    new Username(Credentials.memberName(1)),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.empty(),
                                    now.minusSeconds(7_200)),
                            "hash");
            for (int i = 0; i < count; i++) {
                store.invites()
                        .add(new NewInvite(
                                new InviteToken(String.format("tok_%028d", i)),
                                creator.id(),
                                Optional.empty(),
                                Optional.of(now.minusSeconds(60)),
                                now.minusSeconds(3_600),
                                Optional.empty()));
            }
        });
    }

    @Test
    void theRateLimitBudgetsAreSweptOnTheScheduleTooAndNotAfterClose() throws Exception {
        AtomicInteger budgetSweeps = new AtomicInteger();
        CountDownLatch swept = new CountDownLatch(3);
        SweepSchedule schedule = new SweepSchedule(
                () -> 0,
                () -> 0,
                () -> {
                    budgetSweeps.incrementAndGet();
                    swept.countDown();
                    return 0;
                },
                Duration.ofMillis(20),
                Clock.systemUTC());
        try {
            assertThat(swept.await(10, TimeUnit.SECONDS))
                    .as("swept again and again")
                    .isTrue();
        } finally {
            schedule.close();
        }
        int atClose = budgetSweeps.get();
        Thread.sleep(200);
        assertThat(budgetSweeps.get()).as("nothing sweeps after close").isEqualTo(atClose);
    }
}
