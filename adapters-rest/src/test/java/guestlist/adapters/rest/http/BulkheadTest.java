package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The bulkhead of the hash-bound requests: never more running than its threads, a piece of work
 * that cannot start within the wait bound refused then (and never run later), a full waiting room
 * refused at once on the caller's thread, exactly one of work and refusal for every submission
 * under a race, closing refuses what waits. Work is held on latches, so every count is exact
 * whatever the machine's speed.
 */
class BulkheadTest {

    private static final Duration FOREVER = Duration.ofHours(1);
    private static final long SECONDS = 30;

    /** Work that says when it starts and runs until released. */
    private static final class Held implements Runnable {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger runningNow = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void run() {
            threads.add(Thread.currentThread().getName());
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            try {
                release.await(SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            runningNow.decrementAndGet();
            finished.incrementAndGet();
        }

        void awaitStarted(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (started.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(started.get()).as("started").isEqualTo(n);
        }

        void awaitFinished(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (finished.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(finished.get()).as("finished").isEqualTo(n);
        }
    }

    /** Counts refusals and the threads they ran on. */
    private static final class Refusals implements Runnable {
        final AtomicInteger count = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void run() {
            threads.add(Thread.currentThread().getName());
            count.incrementAndGet();
        }

        void await(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(count.get()).as("refused").isEqualTo(n);
        }
    }

    @Test
    void neverRunsMoreAtOnceThanItHasThreadsAndTheRestWaitHoldingNoThread() throws Exception {
        Held work = new Held();
        Refusals refusals = new Refusals();
        try (Bulkhead bulkhead = new Bulkhead("test", new Bulkhead.Settings(3, FOREVER, 0, 100))) {
            for (int i = 0; i < 20; i++) {
                bulkhead.submit(work, refusals);
            }
            work.awaitStarted(3);

            assertThat(bulkhead.running()).isEqualTo(3);
            assertThat(bulkhead.waiting()).isEqualTo(17);
            Thread.sleep(50);
            assertThat(work.started.get())
                    .as("nothing more starts while the three run")
                    .isEqualTo(3);

            work.release.countDown();
            work.awaitFinished(20);
            assertThat(work.mostAtOnce.get()).isEqualTo(3);
            assertThat(work.threads).hasSize(3).allMatch(name -> name.startsWith("test-"));
            assertThat(refusals.count.get()).isZero();
            assertThat(bulkhead.refused()).isZero();
        }
    }

    @Test
    void aFullWaitingRoomIsRefusedAtOnceOnTheCallersThread() throws Exception {
        Held work = new Held();
        Refusals refusals = new Refusals();
        try (Bulkhead bulkhead = new Bulkhead("test", new Bulkhead.Settings(2, FOREVER, 0, 3))) {
            bulkhead.submit(work, refusals);
            bulkhead.submit(work, refusals);
            work.awaitStarted(2);
            for (int i = 0; i < 3; i++) {
                bulkhead.submit(work, refusals);
            }
            assertThat(bulkhead.waiting()).isEqualTo(3);

            for (int i = 1; i <= 4; i++) {
                bulkhead.submit(work, refusals);
                assertThat(refusals.count.get())
                        .as("refused before submit returned")
                        .isEqualTo(i);
            }
            assertThat(refusals.threads)
                    .hasSize(4)
                    .containsOnly(Thread.currentThread().getName());

            work.release.countDown();
            work.awaitFinished(5);
            Thread.sleep(50);
            assertThat(work.started.get())
                    .as("the five admitted ran, the four refused did not")
                    .isEqualTo(5);
            assertThat(bulkhead.refused()).isEqualTo(4);
        }
    }

    @Test
    void workThatCannotStartWithinTheWaitBoundIsRefusedThenAndNeverRuns() throws Exception {
        Duration bound = Duration.ofSeconds(1);
        Held blocker = new Held();
        Held late = new Held();
        late.release.countDown();
        Refusals refusals = new Refusals();
        try (Bulkhead bulkhead = new Bulkhead("test", new Bulkhead.Settings(1, bound, 0, 100))) {
            bulkhead.submit(blocker, () -> {
                throw new AssertionError("the first one starts at once");
            });
            blocker.awaitStarted(1);
            long submitted = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                bulkhead.submit(late, refusals);
            }
            assertThat(refusals.count.get()).as("waiting, not refused at once").isZero();

            refusals.await(5);
            assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isGreaterThanOrEqualTo(bound);
            assertThat(refusals.threads).allMatch(name -> name.equals("test-timer"));
            assertThat(bulkhead.waiting()).as("refused work leaves the queue").isZero();

            blocker.release.countDown();
            Held after = new Held();
            after.release.countDown();
            bulkhead.submit(after, () -> {
                throw new AssertionError("the thread is free again");
            });
            after.awaitFinished(1);
            assertThat(late.started.get()).as("refused work never runs").isZero();
            assertThat(bulkhead.refused()).isEqualTo(5);
        }
    }

    @Test
    void theNextInLineWaitTheirTurnPastTheBoundAndOnlyThoseBehindThemAreRefused() throws Exception {
        Duration bound = Duration.ofMillis(300);
        Held blocker = new Held();
        Held queued = new Held();
        queued.release.countDown();
        Refusals refusals = new Refusals();
        try (Bulkhead bulkhead = new Bulkhead("test", new Bulkhead.Settings(1, bound, 2, 100))) {
            bulkhead.submit(blocker, refusals);
            blocker.awaitStarted(1);
            for (int i = 0; i < 5; i++) {
                bulkhead.submit(queued, refusals);
            }

            refusals.await(3);
            Thread.sleep(bound.toMillis() * 2);
            assertThat(refusals.count.get())
                    .as("the two next in line are never refused")
                    .isEqualTo(3);
            assertThat(bulkhead.waiting()).isEqualTo(2);

            blocker.release.countDown();
            queued.awaitFinished(2);
            Thread.sleep(50);
            assertThat(queued.started.get())
                    .as("the two next in line ran, the three behind them did not")
                    .isEqualTo(2);
        }
    }

    @Test
    void underARaceEverySubmissionEitherRunsOrIsRefusedNeverBoth() throws Exception {
        int callers = 8;
        int each = 250;
        int total = callers * each;
        AtomicIntegerArray outcomes = new AtomicIntegerArray(total);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch decided = new CountDownLatch(total);
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        // a wait bound as long as a piece of work: many expire just as a thread would take them
        try (Bulkhead bulkhead = new Bulkhead("race", new Bulkhead.Settings(2, Duration.ofMillis(1), 0, 50))) {
            List<Future<?>> submitters = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int first = c * each;
                submitters.add(pool.submit(() -> {
                    start.await();
                    for (int i = first; i < first + each; i++) {
                        int id = i;
                        bulkhead.submit(
                                () -> {
                                    outcomes.incrementAndGet(id);
                                    ran.incrementAndGet();
                                    busy(Duration.ofMillis(1));
                                    decided.countDown();
                                },
                                () -> {
                                    outcomes.incrementAndGet(id);
                                    refused.incrementAndGet();
                                    decided.countDown();
                                });
                    }
                    return null;
                }));
            }
            for (Future<?> submitter : submitters) {
                submitter.get(SECONDS, TimeUnit.SECONDS);
            }
            assertThat(decided.await(SECONDS, TimeUnit.SECONDS))
                    .as("every submission decided")
                    .isTrue();
            Thread.sleep(50);

            for (int i = 0; i < total; i++) {
                assertThat(outcomes.get(i)).as("outcomes of submission %d", i).isEqualTo(1);
            }
            assertThat(ran.get() + refused.get()).isEqualTo(total);
            assertThat(bulkhead.refused()).isEqualTo(refused.get());
            assertThat(ran.get()).as("some ran").isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingRefusesWhatWaitsLetsWhatRunsFinishAndRefusesEverythingLater() throws Exception {
        Held work = new Held();
        Refusals refusals = new Refusals();
        Bulkhead bulkhead = new Bulkhead("test", new Bulkhead.Settings(1, FOREVER, 0, 10));
        bulkhead.submit(work, refusals);
        work.awaitStarted(1);
        bulkhead.submit(work, refusals);
        bulkhead.submit(work, refusals);

        bulkhead.close();
        assertThat(refusals.count.get())
                .as("the two waiting are refused by close")
                .isEqualTo(2);
        bulkhead.submit(work, refusals);
        assertThat(refusals.count.get()).as("refused at once after close").isEqualTo(3);

        work.release.countDown();
        work.awaitFinished(1);
        Thread.sleep(50);
        assertThat(work.started.get()).isEqualTo(1);
    }

    @Test
    void defaultsFollowTheHashingThreadsAndRetryAfterIsTheWaitBoundInWholeSeconds() {
        Bulkhead.Settings defaults = Bulkhead.Settings.forHashing(2);
        assertThat(defaults.threads()).isEqualTo(4);
        assertThat(defaults.nextInLine()).isEqualTo(32);
        assertThat(defaults.maxWaiting()).isEqualTo(512);
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.retryAfterSeconds()).isEqualTo(2);
        assertThat(new Bulkhead.Settings(1, Duration.ofMillis(100), 0, 1).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new Bulkhead.Settings(1, Duration.ofMillis(2_001), 0, 1).retryAfterSeconds())
                .isEqualTo(3);
        assertThatThrownBy(() -> Bulkhead.Settings.forHashing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead.Settings(1, Duration.ZERO, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead.Settings(0, FOREVER, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead.Settings(1, FOREVER, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead.Settings(1, FOREVER, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead.Settings(1, FOREVER, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void busy(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
