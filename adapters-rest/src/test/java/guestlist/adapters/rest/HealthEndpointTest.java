package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.HttpApi.Answer;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    @Test
    void healthyServerAnswersOk() {
        try (TestApi api = TestApi.start()) {
            Answer reply = api.get("/health", null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).isEqualTo("{\"status\":\"ok\",\"database\":\"ok\"}");
        }
    }

    @Test
    void unreachableDatabaseIsServiceUnavailable() {
        try (TestApi api = TestApi.start()) {
            api.store().setReachable(false);

            Answer reply = api.get("/health", null);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.error()).isEqualTo("service_unavailable");
            assertThat(reply.message()).contains("database");
        }
    }

    @Test
    void failingHealthCheckIsServiceUnavailable() {
        try (TestApi api = TestApi.start(
                TestApi.settings(0, 0),
                TestApi.withHealth(() -> {
                    throw new IllegalStateException("connection refused");
                }),
                TestApi.TEST_LIMITS)) {
            Answer reply = api.get("/health", null);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.error()).isEqualTo("service_unavailable");
        }
    }

    @Test
    void unreachableDatabaseDuringAnyUseCaseIsServiceUnavailable() {
        try (TestApi api = TestApi.start()) {
            api.store().setReachable(false);

            Answer reply = api.get("/site", null);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.error()).isEqualTo("service_unavailable");
            assertThat(reply.header("Retry-After"))
                    .as("when to try again, in whole seconds")
                    .hasValue("5");
        }
    }
}
