package guestlist.bootstrap.sweep;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the schedule while a sweep runs: the sweep is asked to stop, {@code close} waits until it
 * has ended, and nothing sweeps after {@code close} has returned (the database is closed next).
 */
class SweepScheduleTest {

    @Test
    void closeAsksASweepInFlightToStopAndWaitsForIt() throws Exception {
        CountDownLatch sweeping = new CountDownLatch(1);
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger sessionSweeps = new AtomicInteger();
        SweepExpiredInvitesUseCase invites = () -> {
            inFlight.set(true);
            sweeping.countDown();
            try {
                // batches that, like a statement on the database, do not notice an interrupt
                // themselves; the loop checks between batches, as BatchedSweep does
                do {
                    long batchEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                    while (System.nanoTime() < batchEnds) {
                        Thread.onSpinWait();
                    }
                    batches.incrementAndGet();
                } while (!Thread.currentThread().isInterrupted());
                return batches.get();
            } finally {
                inFlight.set(false);
            }
        };
        SweepExpiredSessionsUseCase sessions = sessionSweeps::incrementAndGet;
        SweepSchedule schedule = new SweepSchedule(invites, sessions, Duration.ofMillis(10), Clock.systemUTC());
        assertThat(sweeping.await(10, TimeUnit.SECONDS)).as("a sweep started").isTrue();
        int sessionSweepsBefore = sessionSweeps.get();

        schedule.close();

        assertThat(inFlight).as("close returned only once the sweep in flight had ended").isFalse();
        assertThat(batches.get()).as("the batch in hand was finished").isPositive();
        assertThat(sessionSweeps.get()).as("no session sweep after the stop").isEqualTo(sessionSweepsBefore);
        int batchesAtClose = batches.get();
        Thread.sleep(300);
        assertThat(batches.get()).as("nothing sweeps after close").isEqualTo(batchesAtClose);
        assertThat(sessionSweeps.get()).isEqualTo(sessionSweepsBefore);
    }
}
