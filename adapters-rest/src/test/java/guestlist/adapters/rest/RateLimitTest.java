package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi.Answer;
import guestlist.testsupport.RawClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-address rate limits of the adapter: log-in, registration and password changes share one budget, validity
 * checks have one of their own, every other endpoint is free, each client address counts for
 * itself, and 0 turns a limit off. A refusal is a 429 in the error envelope with a
 * {@code Retry-After} in whole seconds. (That the operator's settings reach the real server, and
 * that a refused request writes nothing, is {@code RateLimitEndToEndTest}'s part.)
 */
class RateLimitTest {

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
}
