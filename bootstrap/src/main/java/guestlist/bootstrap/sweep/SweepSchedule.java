package guestlist.bootstrap.sweep;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Sweeps expired invites and expired sessions every interval on spring-context's scheduler, and the
 * rate-limit budgets that are full again every {@link #RATE_LIMIT_SWEEP_INTERVAL} (or the interval,
 * when shorter): a budget row lives at most a minute after its last use, so their table holds the
 * clients of the last few minutes, however many addresses come and go. Several processes may run it
 * at once: each sweep skips rows another process is deleting. Nothing depends on it having run; it
 * only keeps the tables small.
 */
public final class SweepSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);

    /** How long {@link #close()} waits for a sweep in flight to finish its batch. */
    static final int STOP_WAIT_SECONDS = 10;

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    /**
     * The schedule itself. It does not end on its own: a sweep's failure is logged (by
     * {@code runOnce}, and anything else by the scheduler's error handler) and the next interval
     * runs; {@link #close()} cancels it.
     */
    private final ScheduledFuture<?> sweeps;

    /** The rate-limit budgets' sweep, or null when there is none. */
    private final ScheduledFuture<?> budgetSweeps;

    /** Longest time between two sweeps of the rate-limit budgets. */
    public static final Duration RATE_LIMIT_SWEEP_INTERVAL = Duration.ofMinutes(1);

    /** Invites and sessions only. */
    public SweepSchedule(
            SweepExpiredInvitesUseCase invites, SweepExpiredSessionsUseCase sessions, Duration interval, Clock clock) {
        this(invites, sessions, null, interval, clock);
    }

    /**
     * @param rateLimitBudgets deletes the rate-limit budgets that are full again and says how many;
     *                         null for none
     */
    public SweepSchedule(
            SweepExpiredInvitesUseCase invites,
            SweepExpiredSessionsUseCase sessions,
            IntSupplier rateLimitBudgets,
            Duration interval,
            Clock clock) {
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("sweep-");
        scheduler.setDaemon(true);
        // close interrupts a sweep in flight (it ends after its batch in hand) and waits for it, so
        // that no sweep is left running on a database that is being closed
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        scheduler.initialize();
        sweeps = scheduler.scheduleWithFixedDelay(
                () -> {
                    runOnce("invite", invites::sweepExpiredInvites);
                    runOnce("session", sessions::sweepExpiredSessions);
                },
                clock.instant().plus(interval),
                interval);
        Duration budgetInterval =
                interval.compareTo(RATE_LIMIT_SWEEP_INTERVAL) < 0 ? interval : RATE_LIMIT_SWEEP_INTERVAL;
        budgetSweeps = rateLimitBudgets == null
                ? null
                : scheduler.scheduleWithFixedDelay(
                        () -> runOnce("rate-limit budget", rateLimitBudgets),
                        clock.instant().plus(budgetInterval),
                        budgetInterval);
    }

    /** Logs "invite sweep deleted 12 expired invites" (operators and tests read these lines). */
    private static void runOnce(String what, IntSupplier sweep) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            int deleted = sweep.getAsInt();
            if (deleted > 0) {
                LOG.info("{} sweep deleted {} expired {}s", what, deleted, what);
            }
        } catch (RuntimeException failed) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.debug("{} sweep stopped by the server's stop: {}", what, failed.toString());
            } else {
                LOG.warn("{} sweep failed, will try again at the next interval: {}", what, failed.toString());
            }
        }
    }

    /** Stops the schedule; a sweep in flight ends after its batch in hand, and this waits for it. */
    @Override
    public void close() {
        sweeps.cancel(true);
        if (budgetSweeps != null) {
            budgetSweeps.cancel(true);
        }
        scheduler.shutdown();
    }
}
