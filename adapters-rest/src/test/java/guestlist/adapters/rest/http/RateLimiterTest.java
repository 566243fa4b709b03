package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void requestsUpToTheLimitPassAndTheNextIsToldHowLongToWait() throws Exception {
        RateLimiter limiter = new RateLimiter(2, 100, nanos::get);
        InetAddress client = address("192.0.2.1");

        assertThat(limiter.acquire(client)).isEmpty();
        advanceSeconds(20);
        assertThat(limiter.acquire(client)).isEmpty();
        OptionalLong wait = limiter.acquire(client);

        assertThat(wait).hasValue(40);
    }

    @Test
    void theWindowReopensAMinuteAfterItsFirstRequest() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 100, nanos::get);
        InetAddress client = address("192.0.2.1");
        limiter.acquire(client);
        advanceSeconds(59);
        assertThat(limiter.acquire(client)).isPresent();

        advanceSeconds(1);

        assertThat(limiter.acquire(client)).isEmpty();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 100, nanos::get);
        InetAddress client = address("192.0.2.1");
        limiter.acquire(client);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(59_999));

        assertThat(limiter.acquire(client)).hasValue(1);
    }

    @Test
    void clientsAreCountedApart() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 100, nanos::get);
        limiter.acquire(address("192.0.2.1"));

        assertThat(limiter.acquire(address("192.0.2.2"))).isEmpty();
        assertThat(limiter.acquire(address("192.0.2.1"))).isPresent();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 100, nanos::get);
        limiter.acquire(address("2001:db8:1:2::1"));

        assertThat(limiter.acquire(address("2001:db8:1:2:ffff::9")))
                .as("same /64")
                .isPresent();
        assertThat(limiter.acquire(address("2001:db8:1:3::1")))
                .as("another /64")
                .isEmpty();
    }

    @Test
    void zeroTurnsTheLimitOffAndTracksNobody() throws Exception {
        RateLimiter limiter = new RateLimiter(0, 100, nanos::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire(address("192.0.2.1"))).isEmpty();
        }
        assertThat(limiter.trackedClients()).isZero();
    }

    @Test
    void endedWindowsAreForgotten() throws Exception {
        RateLimiter limiter = new RateLimiter(5, 10_000, nanos::get);
        for (int i = 0; i < 200; i++) {
            limiter.acquire(address("10.0." + (i / 250) + "." + (i % 250)));
        }
        assertThat(limiter.trackedClients()).isEqualTo(200);

        advanceSeconds(61);
        limiter.acquire(address("192.0.2.1"));

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void atMostMaxClientsAreTrackedAndNewcomersAreRefusedMeanwhile() throws Exception {
        RateLimiter limiter = new RateLimiter(5, 3, nanos::get);
        limiter.acquire(address("192.0.2.1"));
        limiter.acquire(address("192.0.2.2"));
        limiter.acquire(address("192.0.2.3"));

        assertThat(limiter.acquire(address("192.0.2.4"))).isPresent();
        assertThat(limiter.acquire(address("192.0.2.1")))
                .as("known clients still pass")
                .isEmpty();
        assertThat(limiter.trackedClients()).isEqualTo(3);

        advanceSeconds(60);
        assertThat(limiter.acquire(address("192.0.2.4")))
                .as("room after the windows ended")
                .isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new RateLimiter(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
