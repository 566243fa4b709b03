package guestlist.bootstrap.sweep;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Sweeps expired invites and expired sessions every interval on spring-context's scheduler.
 * Several processes may run it at once: each sweep skips rows another process is deleting.
 * Nothing depends on it having run; it only keeps the tables small.
 */
public final class SweepSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public SweepSchedule(SweepExpiredInvitesUseCase invites, SweepExpiredSessionsUseCase sessions,
                         Duration interval, Clock clock) {
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("sweep-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(() -> {
            runOnce("invite", invites::sweepExpiredInvites);
            runOnce("session", sessions::sweepExpiredSessions);
        }, clock.instant().plus(interval), interval);
    }

    /** Logs "invite sweep deleted 12 expired invites" (operators and tests read these lines). */
    private static void runOnce(String what, IntSupplier sweep) {
        try {
            int deleted = sweep.getAsInt();
            if (deleted > 0) {
                LOG.info("{} sweep deleted {} expired {}s", what, deleted, what);
            }
        } catch (RuntimeException failed) {
            LOG.warn("{} sweep failed, will try again at the next interval: {}", what, failed.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
