package guestlist.bootstrap.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.Unavailable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {

    /** Records where and how many hashes run at once, and waits for a release. */
    private static final class ObservedHasher implements PasswordHasher {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String hash(String password) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return "hashed:" + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            threads.add(Thread.currentThread().getName());
            return hash.equals("hashed:" + password);
        }
    }

    @Test
    void hashesRunOnThePoolNeverOnTheCallingThread() {
        ObservedHasher observed = new ObservedHasher();
        observed.release.countDown();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(observed, 2, 10)) {
            assertThat(hasher.hash("secret")).isEqualTo("hashed:secret");
            assertThat(hasher.matches("secret", "hashed:secret")).isTrue();
        }
        assertThat(observed.threads).isNotEmpty().allMatch(name -> name.startsWith("password-hash-"));
    }

    @Test
    void noMoreHashesRunAtOnceThanThePoolHasThreads() throws Exception {
        ObservedHasher observed = new ObservedHasher();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(observed, 2, 100)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(callers.submit(() -> hasher.hash("p" + n)));
            }
            while (observed.running.get() < 2) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            observed.release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).startsWith("hashed:p");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(observed.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void aFullQueueTurnsRequestsAwayAsServiceUnavailable() throws Exception {
        ObservedHasher observed = new ObservedHasher();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(observed, 1, 1)) {
            Future<String> running = callers.submit(() -> hasher.hash("running"));
            while (observed.running.get() < 1) {
                Thread.sleep(5);
            }
            Future<String> queued = callers.submit(() -> hasher.hash("queued"));
            Thread.sleep(100);

            assertThatThrownBy(() -> hasher.hash("turned away")).isInstanceOf(Unavailable.class);
            observed.release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("hashed:running");
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("hashed:queued");
        } finally {
            observed.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void theQueueIsObservableItsLengthRunningHashesEachWaitAndEachOneTurnedAway() throws Exception {
        ObservedHasher observed = new ObservedHasher();
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rejected = new AtomicInteger();
        BoundedPasswordHasher.QueueObserver queue = new BoundedPasswordHasher.QueueObserver() {
            @Override
            public void started(long nanos) {
                waits.add(nanos);
            }

            @Override
            public void rejected() {
                rejected.incrementAndGet();
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(observed, 1, 2, queue)) {
            List<Future<String>> results = new ArrayList<>();
            results.add(callers.submit(() -> hasher.hash("running")));
            // the hash itself has begun, so the observer has been told (the pool counts a thread
            // active a moment before that)
            while (observed.running.get() < 1) {
                Thread.sleep(5);
            }
            results.add(callers.submit(() -> hasher.hash("first queued")));
            results.add(callers.submit(() -> hasher.hash("second queued")));
            while (hasher.queued() < 2) {
                Thread.sleep(5);
            }
            assertThat(hasher.running()).isEqualTo(1);
            assertThat(waits).as("only the running hash has started").hasSize(1);

            assertThatThrownBy(() -> hasher.hash("turned away")).isInstanceOf(Unavailable.class);
            assertThat(rejected.get()).isEqualTo(1);

            Thread.sleep(50);
            observed.release.countDown();
            for (Future<String> result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
            assertThat(hasher.queued()).isZero();
            assertThat(waits).hasSize(3);
            assertThat(waits.get(1))
                    .as("a queued hash waited for the running one")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        } finally {
            observed.release.countDown();
            callers.shutdownNow();
        }
    }
}
