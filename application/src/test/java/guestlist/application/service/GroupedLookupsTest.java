package guestlist.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedLookupsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The store the look-ups read: key to value, changed by the tests while groups run. */
    private final Map<String, Integer> store = new ConcurrentHashMap<>();

    /** The keys of every group, in the order the groups ran. */
    private final List<Set<String>> groups = new CopyOnWriteArrayList<>();

    private final List<Thread> lookedUpOn = new CopyOnWriteArrayList<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    private Map<String, Integer> read(Set<String> keys) {
        groups.add(Set.copyOf(keys));
        lookedUpOn.add(Thread.currentThread());
        Map<String, Integer> found = new HashMap<>();
        keys.forEach(key -> {
            Integer value = store.get(key);
            if (value != null) {
                found.put(key, value);
            }
        });
        return found;
    }

    /** {@link #read}, where the first group, once it has read, says so and waits until it is let go. */
    private Map<String, Integer> readHoldingTheFirstGroup(
            Set<String> keys, CountDownLatch firstGroupReading, CountDownLatch letGo) {
        Map<String, Integer> found = read(keys);
        if (groups.size() == 1) {
            firstGroupReading.countDown();
            await(letGo);
        }
        return found;
    }

    @Test
    void aQuestionAskedAloneIsLookedUpAtOnceOnTheRunner() throws Exception {
        store.put("a", 1);
        GroupedLookups<String, Integer> lookups = new GroupedLookups<>(this::read, runner);

        assertThat(lookups.get("a").get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lookups.get("b").get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isNull();

        assertThat(groups).containsExactly(Set.of("a"), Set.of("b"));
        assertThat(lookedUpOn).doesNotContain(Thread.currentThread());
    }

    @Test
    void questionsAskedWhileAGroupRunsWaitForTheNextAndAreReadAfterTheyWereAsked() throws Exception {
        store.put("a", 1);
        store.put("b", 1);
        CountDownLatch firstGroupReading = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        GroupedLookups<String, Integer> lookups =
                new GroupedLookups<>(keys -> readHoldingTheFirstGroup(keys, firstGroupReading, mayFinish), runner);

        CompletableFuture<Integer> first = lookups.get("a");
        await(firstGroupReading);
        // the first group has read; what changes now must be seen by every question asked now
        store.put("a", 2);
        store.put("b", 2);
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add(lookups.get(i % 2 == 0 ? "a" : "b"));
        }
        assertThat(later).noneMatch(CompletableFuture::isDone);
        mayFinish.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        for (CompletableFuture<Integer> answer : later) {
            assertThat(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(groups).containsExactly(Set.of("a"), Set.of("a", "b"));
    }

    @Test
    void manyThreadsAskingAtOnceAreEachAnsweredForTheirOwnKeyInFewerLookUps() throws Exception {
        int threads = 48;
        int rounds = 200;
        for (int key = 0; key < 12; key++) {
            store.put("k" + key, key);
        }
        GroupedLookups<String, Integer> lookups = new GroupedLookups<>(this::read, runner);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger right = new AtomicInteger();
        AtomicInteger absent = new AtomicInteger();
        ExecutorService askers = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int asker = t;
                done.add(CompletableFuture.runAsync(
                        () -> {
                            await(start);
                            for (int round = 0; round < rounds; round++) {
                                int key = (asker + round) % 16; // k12..k15 name nothing
                                Integer answer = lookups.get("k" + key).join();
                                if (key >= 12 && answer == null) {
                                    absent.incrementAndGet();
                                } else if (answer != null && answer == key) {
                                    right.incrementAndGet();
                                }
                            }
                        },
                        askers));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                    .get(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
        } finally {
            askers.shutdownNow();
        }

        assertThat(right.get()).isEqualTo(threads * rounds * 12 / 16);
        assertThat(absent.get()).isEqualTo(threads * rounds * 4 / 16);
        assertThat(groups.size()).isLessThan(threads * rounds);
        assertThat(groups).allMatch(keys -> !keys.isEmpty() && keys.size() <= 16);
    }

    @Test
    void aFailedLookUpFailsEveryQuestionOfItsGroupAndTheNextGroupRunsAsUsual() throws Exception {
        store.put("a", 1);
        IllegalStateException storeDown = new IllegalStateException("the store is down");
        CountDownLatch firstGroupReading = new CountDownLatch(1);
        CountDownLatch mayFail = new CountDownLatch(1);
        GroupedLookups<String, Integer> lookups = new GroupedLookups<>(
                keys -> {
                    Map<String, Integer> found = readHoldingTheFirstGroup(keys, firstGroupReading, mayFail);
                    if (groups.size() == 2) {
                        throw storeDown;
                    }
                    return found;
                },
                runner);

        CompletableFuture<Integer> first = lookups.get("a");
        await(firstGroupReading);
        CompletableFuture<Integer> failedA = lookups.get("a");
        CompletableFuture<Integer> failedB = lookups.get("b");
        mayFail.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(causeOf(failedA)).isSameAs(storeDown);
        assertThat(causeOf(failedB)).isSameAs(storeDown);
        assertThat(lookups.get("a").get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(groups).containsExactly(Set.of("a"), Set.of("a", "b"), Set.of("a"));
    }

    @Test
    void aRunnerThatRefusesFailsTheWaitingQuestionsAndIsAskedAgainByTheNext() throws Exception {
        store.put("a", 1);
        AtomicInteger refusals = new AtomicInteger(1);
        GroupedLookups<String, Integer> lookups = new GroupedLookups<>(this::read, work -> {
            if (refusals.getAndDecrement() > 0) {
                throw new RejectedExecutionException("stopped");
            }
            runner.execute(work);
        });

        assertThat(causeOf(lookups.get("a"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(lookups.get("a").get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(groups).containsExactly(Set.of("a"));
    }

    private static Throwable causeOf(CompletableFuture<?> answer) {
        Throwable thrown = catchThrowable(() -> answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
