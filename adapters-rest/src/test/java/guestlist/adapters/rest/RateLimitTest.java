package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.InMemoryRateLimitStore;
import guestlist.adapters.rest.http.RateLimitStore;
import guestlist.adapters.rest.http.TrustedProxies;
import guestlist.application.port.out.Unavailable;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi.Answer;
import guestlist.testsupport.RawClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-address rate limits of the adapter: log-in, registration and password changes share one budget, validity
 * checks have one of their own, every other endpoint is free, each client address counts for
 * itself, and 0 turns a limit off. A refusal is a 429 in the error envelope with a
 * {@code Retry-After} in whole seconds. Behind a trusted proxy each forwarded client counts for
 * itself; from any other peer {@code X-Forwarded-For} changes nothing. A refused address is refused
 * from memory, without asking the store again. (That the operator's settings reach the real server,
 * that the budgets are shared by processes on one database, and that a refused request writes
 * nothing, is {@code RateLimitEndToEndTest}'s and {@code TwoProcessesIT}'s part.)
 */
class RateLimitTest {

    private static final String VALIDITY = "/api/v4/account/invite/validity?token=x";

    private static final String LOGIN = "{\"username_or_email\":\"nobody_at_all\",\"password\":\"whatever123\"}";

    private static void assertTooManyRequests(Answer reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(429);
        assertThat(reply.error()).isEqualTo("too_many_requests");
        assertThat(reply.body().size()).as("only error and message: %s", reply).isEqualTo(2);
        assertRetryAfter(reply.header("Retry-After"));
    }

    private static void assertTooManyRequests(RawClient.Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.isEnvelope()).as("%s", answer).isTrue();
        assertThat(answer.error()).isEqualTo("too_many_requests");
        assertRetryAfter(answer.header("Retry-After"));
    }

    private static void assertRetryAfter(Optional<String> retryAfter) {
        assertThat(retryAfter).as("Retry-After").isPresent();
        assertThat(retryAfter.orElseThrow()).as("Retry-After in whole seconds").matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter.orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void registerAndLoginShareTheAuthLimit() {
        // TestApi's own admin log-in counts as the first request of this address
        try (TestApi api = TestApi.start(TestApi.settings(3, 0))) {
            assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status())
                    .isEqualTo(401);
            assertThat(api.send("POST", "/account/auth/register", "{}", null).status())
                    .isEqualTo(400);

            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
            assertTooManyRequests(api.send("POST", "/account/auth/register", "{}", null));
        }
    }

    @Test
    void successfulRegistrationsAndLogInsCountToo() {
        try (TestApi api = TestApi.start(TestApi.settings(4, 0))) {
            api.registerOpen("counted", null);
            assertThat(api.login("counted", Credentials.PASSWORD)).isNotBlank();
            assertThat(api.send(
                                    "POST",
                                    "/account/auth/login",
                                    "{\"username_or_email\":\"counted\",\"password\":" + "\"wrong password!\"}",
                                    null)
                            .status())
                    .isEqualTo(401);

            assertTooManyRequests(api.send(
                    "POST",
                    "/account/auth/login",
                    "{\"username_or_email\":\"counted\"," + "\"password\":\"" + Credentials.PASSWORD + "\"}",
                    null));
            assertTooManyRequests(api.send("POST", "/account/auth/register", "{}", null));
        }
    }

    @Test
    void refusedRequestsCountToo() {
        try (TestApi api = TestApi.start(TestApi.settings(4, 0))) {
            // malformed, unknown user, invalid form: each is an attempt
            assertThat(api.send("POST", "/account/auth/login", "{", null).status())
                    .isEqualTo(400);
            assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status())
                    .isEqualTo(401);
            assertThat(api.send("POST", "/account/auth/register", "{}", null).status())
                    .isEqualTo(400);

            assertTooManyRequests(api.send("POST", "/account/auth/register", "{}", null));
        }
    }

    @Test
    void eachAddressHasItsOwnBudget() {
        try (TestApi api = TestApi.start(TestApi.settings(1, 0))) {
            RawClient client = new RawClient(api.port());
            RawClient first = client.from("127.0.0.2");
            RawClient second = client.from("127.0.0.3");
            assertThat(first.json("POST", "/api/v4/account/auth/login", null, LOGIN)
                            .status())
                    .isEqualTo(401);
            assertTooManyRequests(first.json("POST", "/api/v4/account/auth/login", null, LOGIN));

            assertThat(second.json("POST", "/api/v4/account/auth/login", null, LOGIN)
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void otherEndpointsAreNotCountedAgainstTheAuthLimit() {
        try (TestApi api = TestApi.start(TestApi.settings(1, 0))) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/site", null).status()).isEqualTo(200);
                assertThat(api.get("/health", null).status()).isEqualTo(200);
                assertThat(api.get("/account", api.adminToken).status()).isEqualTo(200);
                assertThat(api.send("POST", "/account/auth/logout", "{}", null).status())
                        .isEqualTo(401);
            }
            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
        }
    }

    @Test
    void validityChecksHaveTheirOwnLimit() {
        // the admin's log-in has spent the auth budget of 1: validity checks go on
        try (TestApi api = TestApi.start(TestApi.settings(1, 2))) {
            assertThat(api.get("/account/invite/validity?token=x", null).status())
                    .isEqualTo(200);
            assertThat(api.get("/account/invite/validity?token=y", null).status())
                    .isEqualTo(200);

            assertTooManyRequests(api.get("/account/invite/validity?token=z", null));
            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
        }
    }

    @Test
    void spendingTheValidityBudgetLeavesTheAuthBudget() {
        try (TestApi api = TestApi.start(TestApi.settings(2, 2))) {
            assertThat(api.get("/account/invite/validity?token=x", null).status())
                    .isEqualTo(200);
            assertThat(api.get("/account/invite/validity?token=y", null).status())
                    .isEqualTo(200);
            assertTooManyRequests(api.get("/account/invite/validity?token=z", null));

            assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void zeroTurnsALimitOff() {
        try (TestApi api = TestApi.start(TestApi.settings(0, 0))) {
            for (int i = 0; i < 30; i++) {
                assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status())
                        .isEqualTo(401);
                assertThat(api.get("/account/invite/validity?token=x", null).status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void changePasswordSharesTheAuthLimit() {
        // TestApi's own admin log-in counts as the first request of this address
        try (TestApi api = TestApi.start(TestApi.settings(3, 0))) {
            String wrongOld = "{\"new_password\":\"a new passphrase\",\"new_password_verify\":"
                    + "\"a new passphrase\",\"old_password\":\"not the password\"}";
            assertThat(api.send("PUT", "/account/auth/change_password", wrongOld, api.adminToken)
                            .status())
                    .isEqualTo(401);
            assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status())
                    .isEqualTo(401);

            assertTooManyRequests(api.send("PUT", "/account/auth/change_password", wrongOld, api.adminToken));
            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
        }
    }

    private static RawClient.Response validity(RawClient from, String... headers) {
        return from.send("GET", VALIDITY, List.of(headers), null);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        try (TestApi api =
                TestApi.start(TestApi.settings(0, 2).withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            RawClient proxy = new RawClient(api.port()).from("127.0.0.1");
            for (int i = 0; i < 2; i++) {
                assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.1").status())
                        .isEqualTo(200);
            }
            assertTooManyRequests(validity(proxy, "X-Forwarded-For: 198.51.100.1"));
            assertTooManyRequests(validity(proxy, "X-Forwarded-For: 203.0.113.5, 198.51.100.1"));

            assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.2").status())
                    .as("another client behind the proxy")
                    .isEqualTo(200);
            assertThat(validity(proxy, "X-Forwarded-For: 198.51.100.1, 198.51.100.3")
                            .status())
                    .as("the right-most address counts")
                    .isEqualTo(200);
            assertThat(validity(proxy).status()).as("the proxy itself").isEqualTo(200);
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() {
        try (TestApi api = TestApi.start(TestApi.settings(0, 2).withTrustedProxies(TrustedProxies.parse("10.0.0.1")))) {
            RawClient client = new RawClient(api.port()).from("127.0.0.2");
            assertThat(validity(client, "X-Forwarded-For: 198.51.100.1").status())
                    .isEqualTo(200);
            assertThat(validity(client, "X-Forwarded-For: 198.51.100.2").status())
                    .isEqualTo(200);

            assertTooManyRequests(validity(client, "X-Forwarded-For: 198.51.100.3"));
            assertTooManyRequests(validity(client, "X-Forwarded-For: 10.0.0.1"));
            assertTooManyRequests(validity(client));
        }
    }

    @Test
    void aRefusedAddressIsAnsweredFromMemoryWithoutAskingTheStoreAgain() throws Exception {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore();
        try (TestApi api = TestApi.start(TestApi.settings(0, 1), store)) {
            RawClient client = new RawClient(api.port()).from("127.0.0.2");
            assertThat(validity(client).status()).isEqualTo(200);
            assertTooManyRequests(validity(client));
            assertThat(store.asked()).containsExactly("validity|127.0.0.2 1", "validity|127.0.0.2 1");

            ExecutorService flood = Executors.newFixedThreadPool(8);
            try {
                List<Future<RawClient.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    answers.add(flood.submit(() -> validity(client)));
                }
                for (Future<RawClient.Response> answer : answers) {
                    assertTooManyRequests(answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                flood.shutdownNow();
            }

            assertThat(store.asked())
                    .as("400 refusals, none asked of the store")
                    .hasSize(2);
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsServiceUnavailable() {
        try (TestApi api = TestApi.start(TestApi.settings(0, 5), (key, perMinute, wanted) -> {
            throw new Unavailable("the database cannot be reached");
        })) {
            Answer answer = api.get("/account/invite/validity?token=x", null);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.error()).isEqualTo("service_unavailable");
            assertThat(api.get("/site", null).status())
                    .as("unlimited endpoints go on")
                    .isEqualTo(200);
        }
    }

    @Test
    void aBurstFromOneAddressAdmitsExactlyTheLimit() throws Exception {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore();
        try (TestApi api = TestApi.start(TestApi.settings(0, 10), store)) {
            RawClient client = new RawClient(api.port()).from("127.0.0.3");
            ExecutorService burst = Executors.newFixedThreadPool(25);
            try {
                List<Future<RawClient.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(burst.submit(() -> validity(client)));
                }
                int admitted = 0;
                for (Future<RawClient.Response> answer : answers) {
                    RawClient.Response response = answer.get(30, TimeUnit.SECONDS);
                    if (response.status() == 200) {
                        admitted++;
                    } else {
                        assertTooManyRequests(response);
                    }
                }

                assertThat(admitted).isEqualTo(10);
                assertThat(store.asked())
                        .as("questions to the store: one at a time, for all who wait")
                        .hasSizeLessThanOrEqualTo(11);
            } finally {
                burst.shutdownNow();
            }
        }
    }

    /**
     * A busy client under a large limit: requests are admitted from the lease in hand while the next
     * lease is asked for, so none of them waits for the store (here the store takes its time: the
     * second question is held until the test has sent 600 requests).
     */
    @Test
    void requestsGoOnFromTheLeaseInHandWhileTheNextIsAskedFor() throws Exception {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore();
        CountDownLatch secondAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger questions = new AtomicInteger();
        RateLimitStore slowAfterTheFirst = (key, perMinute, wanted) -> {
            if (questions.incrementAndGet() == 2) {
                secondAsked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return store.take(key, perMinute, wanted);
        };
        try (TestApi api = TestApi.start(TestApi.settings(0, 100_000), slowAfterTheFirst)) {
            RawClient client = new RawClient(api.port()).from("127.0.0.4");
            try {
                for (int i = 0; i < 600; i++) {
                    assertThat(validity(client).status())
                            .as("request %d", i + 1)
                            .isEqualTo(200);
                }
                assertThat(secondAsked.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(store.asked())
                        .as("the next lease still being asked for")
                        .containsExactly("validity|127.0.0.4 1000");
            } finally {
                release.countDown();
            }
        }
    }
}
