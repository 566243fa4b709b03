package guestlist.adapters.rest.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of its own for one kind of slow work (the requests that wait on a password hash), so
 * that however much of it arrives, it never takes the threads that every other request needs,
 * and it never queues without end.
 *
 * <p>{@link #submit} hands over a piece of work and what to do instead if it cannot start. The work
 * runs on one of the bulkhead's {@link Settings#threads() threads} as soon as one is free, in the
 * order of submission. A piece that has not started within {@link Settings#maxWait() maxWait} is
 * refused then (its refusal runs, on the bulkhead's timer thread), unless it is among the next
 * {@link Settings#nextInLine() nextInLine} to start: those wait their turn, however long it takes,
 * so that a burst the threads work off in moments is never refused because the machine is slow, and
 * a flood is. When {@link Settings#maxWaiting() maxWaiting} pieces wait already, or the bulkhead is
 * closed, the refusal runs at once, on the caller's thread. Exactly one of work and refusal runs for
 * each submission. A piece that waits holds no thread: it is an entry in a bounded queue and a timer.
 */
public final class Bulkhead implements AutoCloseable {

    /**
     * How large a bulkhead is.
     *
     * @param threads    how many pieces of work run at once
     * @param maxWait    how long a piece may wait for a thread before it is refused, unless it is among
     *                   the next {@code nextInLine} to start
     * @param nextInLine how many of the waiting pieces, the first in line, are never refused (0: none)
     * @param maxWaiting how many pieces may wait at once; more are refused at once (this bounds the
     *                   memory that waiting requests hold)
     */
    public record Settings(int threads, Duration maxWait, int nextInLine, int maxWaiting) {

        /** How long a hash-bound request may wait to start by default, unless it is next in line. */
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);
        /** Hash-bound requests in progress per hashing thread by default. */
        public static final int THREADS_PER_HASHING_THREAD = 2;
        /** Hash-bound requests next in line, never refused, per hashing thread by default. */
        public static final int NEXT_IN_LINE_PER_HASHING_THREAD = 16;
        /** Hash-bound requests waiting to start per hashing thread, at most, by default. */
        public static final int WAITING_PER_HASHING_THREAD = 256;

        public Settings {
            Objects.requireNonNull(maxWait, "maxWait");
            if (threads < 1 || maxWaiting < 1 || maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("a bulkhead needs a thread, room to wait and a positive wait");
            }
            if (nextInLine < 0 || nextInLine > maxWaiting) {
                throw new IllegalArgumentException("nextInLine must be 0..maxWaiting, not " + nextInLine);
            }
        }

        /**
         * The defaults for requests that each wait on one password hash computed on a pool of
         * {@code hashingThreads}: twice as many in progress as hashes can run (so that while one
         * request does its database work, the next one's hash is queued and no hashing thread idles);
         * {@value #NEXT_IN_LINE_PER_HASHING_THREAD} next in line per hashing thread (what the pool
         * works off in about a quarter of a second on the benchmark's machine, at 10 to 20 ms a
         * hash); each other waiting at most {@link #DEFAULT_MAX_WAIT}; at most
         * {@value #WAITING_PER_HASHING_THREAD} waiting per hashing thread.
         */
        public static Settings forHashing(int hashingThreads) {
            if (hashingThreads < 1) {
                throw new IllegalArgumentException("hashingThreads must be positive");
            }
            return new Settings(
                    THREADS_PER_HASHING_THREAD * hashingThreads,
                    DEFAULT_MAX_WAIT,
                    NEXT_IN_LINE_PER_HASHING_THREAD * hashingThreads,
                    WAITING_PER_HASHING_THREAD * hashingThreads);
        }

        /** The seconds a refused client is told to wait ({@code Retry-After}): the wait bound, at least one. */
        public long retryAfterSeconds() {
            return Math.max(1, (maxWait.toMillis() + 999) / 1000);
        }
    }

    private final Settings settings;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /** @param name names its threads: {@code name-1}, {@code name-2}, ... and {@code name-timer} */
    public Bulkhead(String name, Settings settings) {
        Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.maxWaiting()),
                work -> daemon(work, name + "-" + count.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
        // every thread exists from the start, so that a piece of work is either taken by an idle
        // thread or waits in the queue, never starts a thread of its own past the queue's bound
        pool.prestartAllCoreThreads();
        this.timer = new ScheduledThreadPoolExecutor(1, work -> daemon(work, name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Runs {@code work} on a thread of the bulkhead if one takes it within the wait bound (or it is
     * next in line by then), else {@code refusal} instead: at once (on this thread) when too many are
     * waiting or the bulkhead is closed, else on the bulkhead's timer thread when the wait bound has
     * passed. Neither may block for long: the refusal shares one timer thread with every other.
     */
    public void submit(Runnable work, Runnable refusal) {
        Waiting waiting = new Waiting(Objects.requireNonNull(work, "work"), Objects.requireNonNull(refusal, "refusal"));
        try {
            waiting.deadline =
                    timer.schedule(waiting::expire, settings.maxWait().toNanos(), TimeUnit.NANOSECONDS);
            pool.execute(waiting);
        } catch (RejectedExecutionException fullOrClosed) {
            waiting.refuse();
        }
    }

    /** Pieces of work running now. */
    public int running() {
        return running.get();
    }

    /** Pieces of work waiting for a thread now. */
    public int waiting() {
        return pool.getQueue().size();
    }

    /** Submissions refused so far, at once or after their wait. */
    public long refused() {
        return refused.get();
    }

    /**
     * Refuses what is waiting and takes nothing more (every later submission is refused at once);
     * work that is running finishes on its thread.
     */
    @Override
    public void close() {
        pool.shutdown();
        List<Runnable> left = new ArrayList<>();
        pool.getQueue().drainTo(left);
        for (Runnable entry : left) {
            ((Waiting) entry).refuse();
        }
        timer.shutdownNow();
    }

    /** One submission: decided once, either run (by a thread of the pool) or refused. */
    private final class Waiting implements Runnable {

        private static final int WAITING = 0;
        private static final int STARTED = 1;
        private static final int REFUSED = 2;

        private final Runnable work;
        private final Runnable refusal;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile Future<?> deadline;

        Waiting(Runnable work, Runnable refusal) {
            this.work = work;
            this.refusal = refusal;
        }

        /** On a thread of the pool. */
        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, STARTED)) {
                return;
            }
            cancelDeadline();
            running.incrementAndGet();
            try {
                work.run();
            } finally {
                running.decrementAndGet();
            }
        }

        /**
         * On the timer thread, when the wait bound has passed: refused, unless a thread has taken it
         * already or fewer than {@code nextInLine} wait before it (then it waits its turn).
         */
        void expire() {
            int ahead = 0;
            for (Runnable waiting : pool.getQueue()) {
                if (waiting == this) {
                    if (ahead >= settings.nextInLine()) {
                        refuse();
                    }
                    return;
                }
                ahead++;
            }
        }

        /** Refused, unless a thread has taken it already; at once when the queue is full or the bulkhead closed. */
        void refuse() {
            if (!state.compareAndSet(WAITING, REFUSED)) {
                return;
            }
            cancelDeadline();
            pool.remove(this);
            refused.incrementAndGet();
            refusal.run();
        }

        private void cancelDeadline() {
            Future<?> scheduled = deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
