package guestlist.bootstrap.hostile;

import static guestlist.bootstrap.hostile.Json.fields;
import static guestlist.bootstrap.hostile.Json.obj;
import static guestlist.bootstrap.hostile.Json.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import guestlist.adapters.rest.RestServer;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.bootstrap.e2e.Harness;
import guestlist.bootstrap.e2e.TestServer;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.RawClient.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The real server behind a trusted proxy on loopback ({@code GUESTLIST_TRUSTED_PROXIES=127.0.0.1}),
 * its rate limits counted in PostgreSQL (SPEC §4, §5, §8): each forwarded client has its budget, a
 * forged {@code X-Forwarded-For} from any other peer changes nothing, a refused address is refused
 * from memory without asking the database again, and 200,000 distinct addresses neither lock out a
 * newcomer nor grow the server's memory beyond its bound. The test is the proxy: it sends from
 * 127.0.0.1 with an {@code X-Forwarded-For} of its choice, which is how 200,000 addresses come cheap.
 */
class ForwardedClientsEndToEndTest {

    private static final int AUTH = 2;
    private static final int VALIDITY = 1;
    private static final String VALIDITY_CHECK = "/api/v4/account/invite/validity?token=" + Harness.unknownToken();

    private static final AtomicInteger STORE_CALLS = new AtomicInteger();
    private static TestServer server;
    private static RawClient proxy;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                Map.of(
                        "GUESTLIST_TRUSTED_PROXIES",
                        "127.0.0.1",
                        "GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE",
                        Integer.toString(AUTH),
                        "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE",
                        Integer.toString(VALIDITY)),
                context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof RateLimitStore store) {
                            return (RateLimitStore) (key, perMinute, wanted) -> {
                                STORE_CALLS.incrementAndGet();
                                return store.take(key, perMinute, wanted);
                            };
                        }
                        return bean;
                    }
                }));
        proxy = new RawClient(server.port()).from("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Response validity(RawClient from, String... headers) {
        return from.send("GET", VALIDITY_CHECK, Arrays.asList(headers), null);
    }

    private static Response login(RawClient from, String forwardedFor) {
        return from.send(
                "POST",
                "/api/v4/account/auth/login",
                List.of("Content-Type: application/json", "X-Forwarded-For: " + forwardedFor),
                obj(fields("username_or_email", str("nobody_here"), "password", str("not the password")))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertTooManyRequests(Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.error()).isEqualTo("too_many_requests");
        assertThat(answer.header("Retry-After").map(Long::parseLong).orElseThrow())
                .isBetween(1L, 60L);
    }

    @Test
    void eachClientBehindTheProxyHasItsOwnBudget() {
        assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.1").status()).isEqualTo(200);
        assertTooManyRequests(validity(proxy, "X-Forwarded-For: 198.51.100.1"));
        assertTooManyRequests(validity(proxy, "X-Forwarded-For: 203.0.113.66, 198.51.100.1"));

        assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.2").status()).isEqualTo(200);
        assertThat(validity(proxy, "X-Forwarded-For: 2001:db8:1:2::1").status()).isEqualTo(200);
        assertTooManyRequests(validity(proxy, "X-Forwarded-For: 2001:db8:1:2::ffff"));

        for (int i = 0; i < AUTH; i++) {
            assertThat(login(proxy, "198.51.100.3").status()).isEqualTo(401);
        }
        assertTooManyRequests(login(proxy, "198.51.100.3"));
        assertThat(login(proxy, "198.51.100.4").status()).isEqualTo(401);
    }

    @Test
    void aForgedForwardedForSentStraightToTheServerChangesNothing() {
        RawClient forger = new RawClient(server.port()).from("127.0.0.5");
        assertThat(validity(forger, "X-Forwarded-For: 198.51.100.50").status()).isEqualTo(200);

        assertTooManyRequests(validity(forger, "X-Forwarded-For: 198.51.100.51"));
        assertTooManyRequests(validity(forger, "X-Forwarded-For: 127.0.0.1"));
        assertTooManyRequests(validity(forger));
        assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.51").status())
                .as("the address the forger named was not charged")
                .isEqualTo(200);
    }

    /**
     * A flood from one refused address: the first refusal asks the database (one transaction), every
     * later one is answered from the process's memory on the I/O thread, at the cost the numbers
     * printed show.
     */
    @Test
    void aFloodFromARefusedAddressIsAnsweredWithoutTheDatabase() throws Exception {
        String client = "X-Forwarded-For: 198.51.100.77\r\n";
        try (Pipelined connection = new Pipelined(server.port())) {
            assertThat(connection.get(VALIDITY_CHECK, 2, i -> client)).containsExactly(entry(200, 1), entry(429, 1));
            // warm both paths up alike, so that neither figure below includes compiling it
            connection.get(VALIDITY_CHECK, 5_000, i -> client);
            connection.get("/api/v4/no_such_path", 5_000, i -> client);
            int callsBefore = STORE_CALLS.get();
            long started = System.nanoTime();

            Map<Integer, Integer> flood = connection.get(VALIDITY_CHECK, 20_000, i -> client);

            long took = System.nanoTime() - started;
            assertThat(flood).containsExactly(entry(429, 20_000));
            assertThat(STORE_CALLS.get() - callsBefore)
                    .as("refusals that asked the database")
                    .isZero();
            long unknownStarted = System.nanoTime();
            assertThat(connection.get("/api/v4/no_such_path", 20_000, i -> client))
                    .containsExactly(entry(404, 20_000));
            long unknownTook = System.nanoTime() - unknownStarted;
            System.out.printf(
                    Locale.ROOT,
                    "20,000 refusals of one address, pipelined on one connection: %.1f µs each, none asked the"
                            + " database (20,000 requests for an unknown path, answered on a worker thread: %.1f µs"
                            + " each)%n",
                    took / 1e3 / 20_000,
                    unknownTook / 1e3 / 20_000);
        }
    }

    /**
     * 200,000 distinct client addresses, each checking an invite twice (the second refused, so the
     * process remembers more refusals than it may): a newcomer is still served, an address of the
     * flood is still refused, and what the limiters remember stays within their bound.
     */
    @Test
    void twoHundredThousandAddressesLockOutNobodyAndMemoryStaysBounded() throws Exception {
        int addresses = 200_000;
        int threads = 8;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int maxTracked = 0;
        // when the first sender sent each of its addresses (read once all senders are done)
        long[] firstSenderSentAt = new long[addresses / threads];
        try {
            List<Future<Map<Integer, Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(senders.submit(() -> {
                    try (Pipelined connection = new Pipelined(server.port())) {
                        return connection.get(VALIDITY_CHECK, 2 * addresses / threads, i -> {
                            int n = thread * (addresses / threads) + i / 2;
                            if (thread == 0 && i % 2 == 0) {
                                firstSenderSentAt[n] = System.nanoTime();
                            }
                            return "X-Forwarded-For: 10." + (n >> 16) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff)
                                    + "\r\n";
                        });
                    }
                }));
            }
            for (Future<Map<Integer, Integer>> result : results) {
                while (!result.isDone()) {
                    maxTracked = Math.max(maxTracked, tracked());
                    Thread.sleep(50);
                }
                result.get(0, TimeUnit.SECONDS).forEach((status, n) -> statuses.merge(status, n, Integer::sum));
            }
        } finally {
            senders.shutdownNow();
        }
        long took = System.nanoTime() - started;

        assertThat(statuses).containsExactly(entry(200, addresses), entry(429, addresses));
        assertThat(validity(proxy, "X-Forwarded-For: 192.0.2.200").status())
                .as("a newcomer after the flood")
                .isEqualTo(200);
        // an address the first sender sent 20 s or less before the flood ended, whatever the flood
        // took: its budget (one a minute) has not refilled yet; the process has likely forgotten it
        long recent = System.nanoTime() - TimeUnit.SECONDS.toNanos(20);
        int checked = 0;
        while (checked < firstSenderSentAt.length - 1 && firstSenderSentAt[checked] < recent) {
            checked++;
        }
        assertThat(validity(proxy, "X-Forwarded-For: 10.0." + (checked >> 8) + "." + (checked & 0xff))
                        .status())
                .as(
                        "an address of the flood (number %d of %d), forgotten by the process or not (the flood took %.1f s)",
                        checked, addresses, took / 1e9)
                .isEqualTo(429);
        maxTracked = Math.max(maxTracked, tracked());
        assertThat(maxTracked)
                .as("clients the limiters remembered at most: the bound of 100,000, plus those asked about at that"
                        + " moment (one per request in flight: 8 connections of 64 pipelined requests)")
                .isLessThanOrEqualTo(100_000 + 8 * 64 + 64);
        assertThat(server.count("SELECT count(*) FROM rate_limit_bucket"))
                .as("every budget in the shared table")
                .isGreaterThanOrEqualTo(addresses);
        System.out.printf(
                Locale.ROOT,
                "%,d addresses x 2 validity checks (limit %d): %.1f s, %.0f requests/s; the limiters remembered"
                        + " at most %,d clients%n",
                addresses,
                VALIDITY,
                took / 1e9,
                2 * addresses / (took / 1e9),
                maxTracked);
    }

    private static int tracked() {
        return server.bean(RestServer.class).rateLimitedClientsTracked();
    }

    /** The proxy's own requests, without the header, count for the proxy. */
    @Test
    void theProxyItselfIsAClientToo() {
        RawClient otherProxyAddress = new RawClient(server.port()).from("127.0.0.1");
        Response first = validity(otherProxyAddress, "X-Forwarded-For: garbage");
        Response second = validity(otherProxyAddress);
        assertThat(List.of(first.status(), second.status()))
                .as("a malformed entry counts for the proxy that sent it, as no header does")
                .containsExactly(200, 429);
    }
}
