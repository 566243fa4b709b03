package guestlist.adapters.rest;

import guestlist.testsupport.HttpApi.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private static final String LOGIN = "{\"username_or_email\":\"nobody_at_all\",\"password\":\"whatever123\"}";

    private static void assertTooManyRequests(Answer reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(429);
        assertThat(reply.error()).isEqualTo("too_many_requests");
        assertThat(reply.header("Retry-After")).isPresent();
        assertThat(Long.parseLong(reply.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void registerAndLoginShareTheAuthLimit() {
        // TestApi's own admin log-in counts as the first request of this address
        try (TestApi api = TestApi.start(TestApi.settings(3, 0))) {
            assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status()).isEqualTo(401);
            assertThat(api.send("POST", "/account/auth/register", "{}", null).status()).isEqualTo(400);

            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
            assertTooManyRequests(api.send("POST", "/account/auth/register", "{}", null));
        }
    }

    @Test
    void otherEndpointsAreNotCountedAgainstTheAuthLimit() {
        try (TestApi api = TestApi.start(TestApi.settings(1, 0))) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/site", null).status()).isEqualTo(200);
                assertThat(api.get("/account", api.adminToken).status()).isEqualTo(200);
            }
            assertTooManyRequests(api.send("POST", "/account/auth/login", LOGIN, null));
        }
    }

    @Test
    void validityChecksHaveTheirOwnLimit() {
        try (TestApi api = TestApi.start(TestApi.settings(1, 2))) {
            assertThat(api.get("/account/invite/validity?token=x", null).status()).isEqualTo(200);
            assertThat(api.get("/account/invite/validity?token=y", null).status()).isEqualTo(200);

            assertTooManyRequests(api.get("/account/invite/validity?token=z", null));
        }
    }

    @Test
    void zeroTurnsALimitOff() {
        try (TestApi api = TestApi.start(TestApi.settings(0, 0))) {
            for (int i = 0; i < 30; i++) {
                assertThat(api.send("POST", "/account/auth/login", LOGIN, null).status()).isEqualTo(401);
                assertThat(api.get("/account/invite/validity?token=x", null).status()).isEqualTo(200);
            }
        }
    }
}
