package guestlist.application.service;

import java.time.Duration;

/**
 * How a moderation action that goes through a branch in batches shares the store with the requests
 * running beside it: told how long the batch before took, it may hold the action back before the
 * next one. The action's transaction stays open meanwhile, with its locks, which only the branch's
 * own accounts wait for (their log-ins, their invites' registrations, which are refused anyway).
 */
@FunctionalInterface
public interface BatchPacing {

    /** Goes on at once: for tests, where no other request shares the store. */
    BatchPacing NONE = took -> {};

    /** Called before every batch of an action but its first, with how long the batch before took. */
    void beforeNextBatch(Duration took);

    /**
     * Waits as long again as the batch before took, so that the action keeps the store's CPU and
     * its WAL busy at most half of the time: on the two cores of the benchmark's machine a branch
     * ban otherwise took one of them whole for seconds, from registrations that needed both for
     * their password hashes. An interrupted thread (the server stopping) waits no more, and the
     * action ends as fast as it can.
     */
    static BatchPacing halfTheTime() {
        return took -> {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                Thread.sleep(took.toMillis(), took.toNanosPart() % 1_000_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
