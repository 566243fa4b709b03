package guestlist.bootstrap.sweep;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs the expired-invite sweep every interval on spring-context's scheduler. Several processes
 * may run it at once: the sweep itself skips rows another process is deleting. Nothing depends
 * on it having run; it only keeps the table small.
 */
public final class InviteSweepSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InviteSweepSchedule.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public InviteSweepSchedule(SweepExpiredInvitesUseCase sweep, Duration interval, Clock clock) {
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("invite-sweep-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(() -> runOnce(sweep), clock.instant().plus(interval), interval);
    }

    private static void runOnce(SweepExpiredInvitesUseCase sweep) {
        try {
            int deleted = sweep.sweepExpiredInvites();
            if (deleted > 0) {
                LOG.info("invite sweep deleted {} expired invites", deleted);
            }
        } catch (RuntimeException failed) {
            LOG.warn("invite sweep failed, will try again at the next interval: {}", failed.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
