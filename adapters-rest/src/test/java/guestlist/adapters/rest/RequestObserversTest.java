package guestlist.adapters.rest;

import static guestlist.testsupport.Credentials.ADMIN_NAME;
import static guestlist.testsupport.Credentials.ADMIN_PASSWORD;
import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.CompletedRequest;
import guestlist.adapters.rest.http.RequestObservers;
import guestlist.adapters.rest.http.TrustedProxies;
import guestlist.domain.site.RegistrationMode;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.RawClient;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the server tells its observers (the access log, the metrics) of each answered request: the
 * route, never the raw path's secrets, the status and error code, the client as {@code ClientAddress}
 * decides.
 */
class RequestObserversTest {

    private final BlockingQueue<CompletedRequest> seen = new LinkedBlockingQueue<>();

    private CompletedRequest next() throws InterruptedException {
        CompletedRequest request = seen.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("an observed request").isNotNull();
        return request;
    }

    @Test
    void anAnsweredRequestIsSeenWithItsRouteMethodStatusDurationAndClient() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.server.observe(seen::add);
            api.setMode(RegistrationMode.OPEN);

            HttpApi.expect(api.register("observed", null), 200, "register");

            CompletedRequest request = next();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.route()).isEqualTo("/api/v4/account/auth/register");
            assertThat(request.target()).isEqualTo("/api/v4/account/auth/register");
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.errorCode()).isEmpty();
            assertThat(request.duration()).isPositive().isLessThan(Duration.ofSeconds(10));
            assertThat(request.client()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void anErrorAnswerCarriesItsCodeAndATokenInTheQueryIsRedacted() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.server.observe(seen::add);

            HttpApi.expect(api.register("tokened", "notarealtokennotarealtoken"), 400, "register with a bad token");
            CompletedRequest refused = next();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorCode()).contains("invalid_invite_token");

            HttpApi.expect(api.get("/account/invite/validity?token=s3cr3t-t0k3n&limit=2", null), 200, "validity");
            CompletedRequest validity = next();
            assertThat(validity.route()).isEqualTo("/api/v4/account/invite/validity");
            assertThat(validity.target()).isEqualTo("/api/v4/account/invite/validity?token=***&limit=2");
            assertThat(validity.errorCode()).isEmpty();

            HttpApi.expect(api.get("/account", null), 401, "no session");
            assertThat(next().errorCode()).contains("not_logged_in");
        }
    }

    @Test
    void requestsNoEndpointTookAreUnmatchedWhateverTheirPathOrMethod() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.server.observe(seen::add);

            HttpApi.expect(api.get("/no/such/path/" + "x".repeat(40), null), 404, "unknown path");
            CompletedRequest unknown = next();
            assertThat(unknown.route()).isEqualTo(RequestObservers.UNMATCHED);
            assertThat(unknown.errorCode()).contains("not_found");

            HttpApi.expect(api.send("PATCH", "/site", "{}", null), 405, "wrong method");
            CompletedRequest wrongMethod = next();
            assertThat(wrongMethod.route()).isEqualTo(RequestObservers.UNMATCHED);
            assertThat(wrongMethod.method()).isEqualTo("PATCH");
            assertThat(wrongMethod.errorCode()).contains("method_not_allowed");
        }
    }

    @Test
    void aRateLimitedRequestKeepsItsRouteAndCode() throws Exception {
        try (TestApi api = TestApi.start(TestApi.settings(0, 1))) {
            api.server.observe(seen::add);

            HttpApi.expect(api.get("/account/invite/validity?token=a", null), 200, "first");
            HttpApi.expect(api.get("/account/invite/validity?token=b", null), 429, "over the limit");

            assertThat(next().status()).isEqualTo(200);
            CompletedRequest limited = next();
            assertThat(limited.route()).isEqualTo("/api/v4/account/invite/validity");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).contains("too_many_requests");
        }
    }

    @Test
    void aBodyThatNeverComesIsRecordedAsTimedOutNotAsAnswered() throws Exception {
        try (TestApi api = TestApi.start();
                RawClient.Connection client = RawClient.connect(api.port())) {
            api.server.observe(seen::add);

            assertThat(client.trySend("POST /api/v4/account/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user"))
                    .isTrue();
            assertThat(client.awaitClose(Duration.ofSeconds(10))).as("cut off").isPresent();

            CompletedRequest cutOff = next();
            assertThat(cutOff.route()).isEqualTo("/api/v4/account/auth/login");
            assertThat(cutOff.status()).isEqualTo(408);
            assertThat(cutOff.errorCode()).isEmpty();
        }
    }

    @Test
    void behindATrustedProxyTheClientIsTheForwardedOne() throws Exception {
        try (TestApi api =
                TestApi.start(TestApi.settings(0, 0).withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            api.server.observe(seen::add);

            api.exchange(HttpRequest.newBuilder(api.uri("/site")).header("X-Forwarded-For", "203.0.113.9"));

            assertThat(next().client()).isEqualTo(InetAddress.getByName("203.0.113.9"));
        }
    }

    @Test
    void anObserverThatFailsChangesNoAnswerAndTheOthersStillSeeTheRequest() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.server.observe(request -> {
                throw new IllegalStateException("a broken observer");
            });
            api.server.observe(seen::add);

            String token = api.login(ADMIN_NAME, ADMIN_PASSWORD);
            assertThat(token).isNotBlank();
            assertThat(next().route()).isEqualTo("/api/v4/account/auth/login");
            HttpApi.expect(api.get("/site", null), 200, "still serving");
            assertThat(next().errorCode()).isEqualTo(Optional.empty());
        }
    }

    @Test
    void noSecretOfARequestReachesAnObserver() throws Exception {
        try (TestApi api = TestApi.start()) {
            api.server.observe(seen::add);
            api.setMode(RegistrationMode.OPEN);
            String session = api.registerOpen("secretive", null);
            seen.clear();

            api.exchange(HttpRequest.newBuilder(api.uri("/account?auth=" + session))
                    .header("Authorization", "Bearer " + session)
                    .header("Cookie", "jwt=" + session));
            HttpApi.expect(
                    api.post(
                            "/account/auth/login",
                            HttpApi.object("username_or_email", "secretive", "password", PASSWORD),
                            null),
                    200,
                    "log-in");

            for (CompletedRequest request : new CompletedRequest[] {next(), next()}) {
                assertThat(request.toString()).doesNotContain(session).doesNotContain(PASSWORD);
            }
        }
    }
}
