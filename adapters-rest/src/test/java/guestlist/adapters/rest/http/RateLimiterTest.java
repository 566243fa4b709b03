package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.application.port.out.Unavailable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One rate limit of the adapter over a store it shares with other processes: what it admits and
 * refuses, what it asks the store and what it decides from memory, how much it remembers. The store
 * here is {@link InMemoryRateLimitStore}, on the test's clock.
 */
class RateLimiterTest {

    private static final ClientAddress PEERS = new ClientAddress(TrustedProxies.NONE);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(nanos::get);

    private RateLimiter limiter(int perMinute, int maxTracked) {
        return limiter(perMinute, maxTracked, store);
    }

    private RateLimiter limiter(int perMinute, int maxTracked, RateLimitStore on) {
        return new RateLimiter("test", perMinute, on, PEERS, maxTracked, nanos::get);
    }

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private static int admitted(RateLimiter limiter, InetAddress client, int requests) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (limiter.acquire(client).isEmpty()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void requestsUpToTheLimitPassAndTheNextIsToldHowLongToWait() throws Exception {
        RateLimiter limiter = limiter(2, 100);
        InetAddress client = address("192.0.2.1");

        assertThat(limiter.acquire(client)).isEmpty();
        advanceSeconds(20);
        assertThat(limiter.acquire(client)).isEmpty();
        OptionalLong wait = limiter.acquire(client);

        assertThat(wait).hasValue(40);
    }

    @Test
    void theWindowReopensAMinuteAfterItsFirstRequest() throws Exception {
        RateLimiter limiter = limiter(1, 100);
        InetAddress client = address("192.0.2.1");
        limiter.acquire(client);
        advanceSeconds(59);
        assertThat(limiter.acquire(client)).hasValue(1);

        advanceSeconds(1);

        assertThat(limiter.acquire(client)).isEmpty();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() throws Exception {
        RateLimiter limiter = limiter(1, 100);
        InetAddress client = address("192.0.2.1");
        limiter.acquire(client);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(59_999));

        assertThat(limiter.acquire(client)).hasValue(1);
    }

    @Test
    void clientsAreCountedApart() throws Exception {
        RateLimiter limiter = limiter(1, 100);
        limiter.acquire(address("192.0.2.1"));

        assertThat(limiter.acquire(address("192.0.2.2"))).isEmpty();
        assertThat(limiter.acquire(address("192.0.2.1"))).isPresent();
        assertThat(store.asked()).containsExactly("test|192.0.2.1 1", "test|192.0.2.2 1", "test|192.0.2.1 1");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        RateLimiter limiter = limiter(1, 100);
        limiter.acquire(address("2001:db8:1:2::1"));

        assertThat(limiter.acquire(address("2001:db8:1:2:ffff::9")))
                .as("same /64")
                .isPresent();
        assertThat(limiter.acquire(address("2001:db8:1:3::1")))
                .as("another /64")
                .isEmpty();
        assertThat(store.asked()).first().isEqualTo("test|2001:db8:1:2:0:0:0:0/64 1");
    }

    @Test
    void zeroTurnsTheLimitOffAsksNothingAndTracksNobody() throws Exception {
        RateLimiter limiter = limiter(0, 100);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire(address("192.0.2.1"))).isEmpty();
        }
        assertThat(limiter.trackedClients()).isZero();
        assertThat(store.asked()).isEmpty();
    }

    @Test
    void smallLimitsAskTheStoreForEachAdmittedRequestAndRememberNothingOfAdmissions() throws Exception {
        RateLimiter limiter = limiter(60, 100);

        assertThat(admitted(limiter, address("192.0.2.1"), 60)).isEqualTo(60);

        assertThat(store.asked()).hasSize(60).containsOnly("test|192.0.2.1 1");
        assertThat(limiter.trackedClients()).isZero();
    }

    @Test
    void aRefusedClientIsRefusedFromMemoryUntilTheWindowEnds() throws Exception {
        RateLimiter limiter = limiter(1, 100);
        InetAddress client = address("192.0.2.1");
        assertThat(limiter.acquire(client)).isEmpty();
        assertThat(limiter.acquire(client)).hasValue(60);
        assertThat(store.asked()).hasSize(2);

        advanceSeconds(30);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire(client)).hasValue(30);
        }

        assertThat(store.asked()).as("a thousand refusals from memory").hasSize(2);
        assertThat(limiter.trackedClients()).isEqualTo(1);
        advanceSeconds(30);
        assertThat(limiter.acquire(client)).as("the next window").isEmpty();
        assertThat(store.asked()).hasSize(3);
        assertThat(limiter.trackedClients()).as("nothing left to remember").isZero();
    }

    @Test
    void largeLimitsLeaseRequestsAndAdmitTheRestFromMemory() throws Exception {
        RateLimiter limiter = limiter(100_000, 100);
        assertThat(RateLimiter.leaseFor(100_000)).isEqualTo(1_000);

        assertThat(admitted(limiter, address("192.0.2.1"), 2_500)).isEqualTo(2_500);

        assertThat(store.asked())
                .as("the first lease, then the next each time half a lease is left")
                .containsExactly(
                        "test|192.0.2.1 1000", "test|192.0.2.1 1000", "test|192.0.2.1 1000", "test|192.0.2.1 1000");
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void leaseSizes() {
        assertThat(RateLimiter.leaseFor(1)).isEqualTo(1);
        assertThat(RateLimiter.leaseFor(60)).isEqualTo(1);
        assertThat(RateLimiter.leaseFor(199)).isEqualTo(1);
        assertThat(RateLimiter.leaseFor(200)).isEqualTo(2);
        assertThat(RateLimiter.leaseFor(6_000)).isEqualTo(60);
        assertThat(RateLimiter.leaseFor(1_000_000_000)).isEqualTo(1_000);
    }

    @Test
    void leasedRequestsEndWithTheWindowTheyWereTakenFrom() throws Exception {
        RateLimiter limiter = limiter(10_000, 100);
        InetAddress client = address("192.0.2.1");
        limiter.acquire(client);
        assertThat(limiter.trackedClients()).as("99 leased").isEqualTo(1);

        advanceSeconds(60);
        assertThat(limiter.acquire(client)).isEmpty();

        assertThat(store.asked()).as("the old lease ended: a new one").hasSize(2);
    }

    @Test
    void twoProcessesOnOneStoreTogetherAdmitTheLimitExactly() throws Exception {
        for (int perMinute : List.of(5, 1_000, 25_000)) {
            InMemoryRateLimitStore shared = new InMemoryRateLimitStore(nanos::get);
            RateLimiter process = limiter(perMinute, 100, shared);
            RateLimiter otherProcess = limiter(perMinute, 100, shared);
            InetAddress client = address("198.51.100." + (perMinute % 250));
            int admitted = 0;
            for (int i = 0; i < 3 * perMinute; i++) {
                if ((i % 2 == 0 ? process : otherProcess).acquire(client).isEmpty()) {
                    admitted++;
                }
            }

            assertThat(admitted)
                    .as("%d per minute, alternating processes", perMinute)
                    .isEqualTo(perMinute);
            assertThat(process.acquire(client)).isPresent();
            assertThat(otherProcess.acquire(client)).isPresent();
            advanceSeconds(60);
        }
    }

    @Test
    void aLeaseUnusedByOneProcessIsWhatTheOtherMayMiss() throws Exception {
        InMemoryRateLimitStore shared = new InMemoryRateLimitStore(nanos::get);
        RateLimiter process = limiter(1_000, 100, shared);
        RateLimiter otherProcess = limiter(1_000, 100, shared);
        InetAddress client = address("198.51.100.1");
        assertThat(process.acquire(client)).isEmpty();

        int admittedByTheOther = admitted(otherProcess, client, 2_000);

        assertThat(admittedByTheOther)
                .as("the first process holds 9 of the budget it leased and did not use")
                .isEqualTo(1_000 - RateLimiter.leaseFor(1_000));
    }

    @Test
    void memoryIsBoundedAndNoNumberOfClientsLocksOutANewcomer() throws Exception {
        RateLimiter limiter = limiter(1, 1_000);
        for (int i = 0; i < 200_000; i++) {
            InetAddress client = InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
            limiter.acquire(client);
            assertThat(limiter.acquire(client)).isPresent();
            assertThat(limiter.trackedClients()).isLessThanOrEqualTo(1_000);
        }

        assertThat(limiter.acquire(address("192.0.2.200"))).as("a newcomer").isEmpty();
        assertThat(limiter.acquire(address("10.0.0.0")))
                .as("a client forgotten by this process is still refused by the store")
                .isPresent();
    }

    @Test
    void aStoreThatFailsFailsTheRequestAndLeavesNothingBehind() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        RateLimitStore flaky = (key, perMinute, wanted) -> {
            if (down.get()) {
                throw new Unavailable("the database cannot be reached");
            }
            return store.take(key, perMinute, wanted);
        };
        RateLimiter limiter = limiter(10_000, 100, flaky);
        InetAddress client = address("192.0.2.1");

        assertThatThrownBy(() -> limiter.acquire(client)).isInstanceOf(Unavailable.class);
        assertThat(limiter.trackedClients()).isZero();

        down.set(false);
        assertThat(limiter.acquire(client)).isEmpty();
        assertThat(store.asked()).containsExactly("test|192.0.2.1 100");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> limiter(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestsOfOneClientThatArriveWhileTheStoreIsAskedAreAnsweredTogether() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        RateLimitStore slow = (key, perMinute, wanted) -> {
            asked.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return store.take(key, perMinute, wanted);
        };
        RateLimiter limiter = limiter(12, 100, slow);
        InetAddress client = address("192.0.2.1");
        ExecutorService requests = Executors.newFixedThreadPool(21);
        try {
            List<Future<OptionalLong>> outcomes = new ArrayList<>();
            outcomes.add(requests.submit(() -> limiter.acquire(client)));
            assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                outcomes.add(requests.submit(() -> limiter.acquire(client)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (limiter.waiting(client) < 20 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(limiter.waiting(client))
                    .as("waiting for the first question's answer")
                    .isEqualTo(20);

            answer.countDown();
            int admitted = 0;
            for (Future<OptionalLong> outcome : outcomes) {
                if (outcome.get(10, TimeUnit.SECONDS).isEmpty()) {
                    admitted++;
                }
            }

            assertThat(admitted).isEqualTo(12);
            assertThat(store.asked())
                    .as("one question for the first, one for the twenty that came meanwhile")
                    .containsExactly("test|192.0.2.1 1", "test|192.0.2.1 20");
            assertThat(limiter.trackedClients()).as("the refusal").isEqualTo(1);
        } finally {
            requests.shutdownNow();
        }
    }
}
