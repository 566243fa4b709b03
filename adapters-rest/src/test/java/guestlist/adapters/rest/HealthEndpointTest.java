package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.CheckHealthUseCase;
import guestlist.testsupport.HttpApi.Answer;
import java.util.function.UnaryOperator;
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
                withHealth(() -> {
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
        }
    }

    private static UnaryOperator<RestUseCases> withHealth(CheckHealthUseCase health) {
        return u -> new RestUseCases(
                u.register(),
                u.login(),
                u.logout(),
                u.changePassword(),
                u.authenticate(),
                u.getSite(),
                u.editSite(),
                u.createInvite(),
                u.listInvites(),
                u.revokeInvite(),
                u.checkInviteValidity(),
                u.listRegistrationApplications(),
                u.getRegistrationApplication(),
                u.decideRegistrationApplication(),
                health);
    }
}
