package guestlist.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import guestlist.bootstrap.database.Database;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import guestlist.testsupport.PrometheusText;
import guestlist.testsupport.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics of SPEC §8 on the real wiring: {@code GET /metrics} on the management port, parsed as
 * Prometheus' text format, and what each kind of request moves (by exactly what it should, and
 * nothing of its neighbours).
 */
class MetricsEndToEndTest {

    private static final String REGISTER = "/api/v4/account/auth/register";
    private static final String[] OUTCOMES = {"active", "pending", "refused"};
    private static final String[] MODES = {"open", "require_application", "require_invitation", "closed"};

    private static TestServer server;
    private static Harness h;
    private static String metricsUrl;

    @BeforeAll
    static void start() {
        int managementPort = Ports.free();
        server = TestServer.start(Map.of(
                "GUESTLIST_MANAGEMENT_PORT", Integer.toString(managementPort),
                "GUESTLIST_INVITE_SWEEP_INTERVAL", "PT1S",
                "GUESTLIST_DATABASE_POOL_SIZE", "7"));
        h = new Harness(server, "mx");
        metricsUrl = "http://127.0.0.1:" + managementPort + "/metrics";
        assertThat(server.bean(guestlist.bootstrap.metrics.ManagementServer.class)
                        .port())
                .hasValue(managementPort);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static PrometheusText scrape() {
        return PrometheusText.scrape(metricsUrl);
    }

    /**
     * The scrape once {@code until} holds (an answer is counted as it ends, which the client may see
     * a moment before); fails after 10 s.
     */
    private static PrometheusText scrapeUntil(Predicate<PrometheusText> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PrometheusText metrics = scrape();
        while (!until.test(metrics)) {
            assertThat(System.nanoTime()).as("the metrics show it within 10 s").isLessThan(deadline);
            Thread.sleep(50);
            metrics = scrape();
        }
        return metrics;
    }

    private static double registrations(PrometheusText metrics, String mode, String outcome) {
        return metrics.value("guestlist_registrations_total", "mode", mode, "outcome", outcome);
    }

    private static double requests(PrometheusText metrics, String route, String method, int status) {
        return metrics.value(
                "guestlist_http_requests_seconds_count",
                "route",
                route,
                "method",
                method,
                "status",
                Integer.toString(status));
    }

    /** Every registration series but one is where it was; that one moved by exactly one. */
    private static void onlyOneRegistrationMoved(
            PrometheusText before, PrometheusText after, String mode, String outcome) {
        List<String> moved = new ArrayList<>();
        for (String m : MODES) {
            for (String o : OUTCOMES) {
                double delta = registrations(after, m, o) - registrations(before, m, o);
                if (delta != 0) {
                    moved.add(m + "/" + o + " by " + delta);
                }
            }
        }
        double failed = registrations(after, "unknown", "failed") - registrations(before, "unknown", "failed");
        if (failed != 0) {
            moved.add("unknown/failed by " + failed);
        }
        assertThat(moved).containsExactly(mode + "/" + outcome + " by 1.0");
    }

    @Test
    void theScrapeIsPrometheusTextWithEveryFamilyOfTheSpec() {
        PrometheusText metrics = scrape();

        assertThat(metrics.type("guestlist_registrations_total")).isEqualTo("counter");
        assertThat(metrics.type("guestlist_invite_uses_total")).isEqualTo("counter");
        assertThat(metrics.type("guestlist_http_requests_seconds")).isEqualTo("histogram");
        assertThat(metrics.type("guestlist_sweeps_seconds")).isEqualTo("summary");
        assertThat(metrics.type("guestlist_sweep_rows_total")).isEqualTo("counter");
        for (String mode : MODES) {
            for (String outcome : OUTCOMES) {
                assertThat(metrics.has("guestlist_registrations_total", "mode", mode, "outcome", outcome))
                        .as("%s/%s is there before anything is counted", mode, outcome)
                        .isTrue();
            }
        }
        assertThat(metrics.has("guestlist_registrations_total", "mode", "unknown", "outcome", "failed"))
                .isTrue();
        for (String kind : new String[] {"invites", "sessions", "rate_limit_budgets"}) {
            assertThat(metrics.has("guestlist_sweep_rows_total", "kind", kind))
                    .as(kind)
                    .isTrue();
            assertThat(metrics.has("guestlist_sweeps_seconds_count", "kind", kind, "outcome", "ok"))
                    .as(kind)
                    .isTrue();
        }
        assertThat(metrics.has("guestlist_password_hash_queued")).isTrue();
        assertThat(metrics.has("guestlist_password_hash_running")).isTrue();
        assertThat(metrics.has("guestlist_password_hash_rejected_total")).isTrue();
        assertThat(metrics.value("guestlist_hash_bound_requests_running")).isNotNegative();
        assertThat(metrics.value("guestlist_hash_bound_requests_waiting")).isNotNegative();
        assertThat(metrics.value("guestlist_hash_bound_requests_refused_total"))
                .as("nothing refused in this test")
                .isZero();
        assertThat(metrics.value("guestlist_password_hash_wait_seconds_count"))
                .as("the admin's log-in was hashed")
                .isPositive();
        assertThat(metrics.value("hikaricp_connections_max", "pool", "guestlist-postgres"))
                .isEqualTo(7);
        assertThat(metrics.has("hikaricp_connections_active", "pool", "guestlist-postgres"))
                .isTrue();
        assertThat(metrics.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(metrics.sum("jvm_threads_live_threads")).isPositive();
        assertThat(metrics.sum("jvm_gc_memory_allocated_bytes_total")).isNotNegative();
        assertThat(metrics.value("process_uptime_seconds")).isPositive();
    }

    @Test
    void anOpenRegistrationMovesExactlyItsCountersAndOneHash() throws Exception {
        h.site("registration_mode", "open");
        PrometheusText before = scrapeUntil(m -> true);
        double hashesBefore = before.value("guestlist_password_hash_wait_seconds_count");
        double requestsBefore = requests(before, REGISTER, "POST", 200);

        HttpApi.expect(h.register(Harness.form(h.newName())), 200, "register");

        PrometheusText after = scrapeUntil(m -> requests(m, REGISTER, "POST", 200) > requestsBefore);
        onlyOneRegistrationMoved(before, after, "open", "active");
        assertThat(requests(after, REGISTER, "POST", 200) - requestsBefore).isEqualTo(1);
        assertThat(after.value("guestlist_invite_uses_total") - before.value("guestlist_invite_uses_total"))
                .isZero();
        assertThat(after.value("guestlist_password_hash_wait_seconds_count") - hashesBefore)
                .as("one password hashed")
                .isEqualTo(1);
    }

    @Test
    void aRegistrationWithAnInviteTakesOneUseAndAnApplicationIsPending() throws Exception {
        String invite = h.createInvite(h.adminToken()).path("token").asText();
        h.site("registration_mode", "require_invitation");
        PrometheusText before = scrape();

        h.registerWithInvite(h.newName(), invite);

        PrometheusText invited = scrape();
        onlyOneRegistrationMoved(before, invited, "require_invitation", "active");
        assertThat(invited.value("guestlist_invite_uses_total") - before.value("guestlist_invite_uses_total"))
                .isEqualTo(1);

        h.site("registration_mode", "require_application");
        HttpApi.expect(h.register(Harness.form(h.newName()).put("answer", "I knit.")), 200, "apply");
        PrometheusText applied = scrape();
        onlyOneRegistrationMoved(invited, applied, "require_application", "pending");
        assertThat(applied.value("guestlist_invite_uses_total"))
                .isEqualTo(invited.value("guestlist_invite_uses_total"));
    }

    @Test
    void aRefusedRegistrationIsCountedAsRefusedAndItsCodeAsARefusal() throws Exception {
        h.site("registration_mode", "require_invitation");
        PrometheusText before = scrapeUntil(m -> true);
        double refusalsBefore =
                before.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_invite_token");

        ObjectNode form = Harness.form(h.newName()).put("token", Harness.unknownToken());
        Harness.assertError(h.register(form), 400, "invalid_invite_token");

        PrometheusText after =
                scrapeUntil(m -> m.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_invite_token")
                        > refusalsBefore);
        onlyOneRegistrationMoved(before, after, "require_invitation", "refused");
        assertThat(after.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_invite_token")
                        - refusalsBefore)
                .isEqualTo(1);
        assertThat(requests(after, REGISTER, "POST", 400) - requests(before, REGISTER, "POST", 400))
                .isEqualTo(1);
        assertThat(after.value("guestlist_invite_uses_total")).isEqualTo(before.value("guestlist_invite_uses_total"));
    }

    @Test
    void aFormRefusedForItsShapeIsARefusalButNoRegistration() throws Exception {
        PrometheusText before = scrape();
        double refusalsBefore = before.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_name");

        Harness.assertError(h.register(Harness.form("x")), 400, "invalid_name");

        PrometheusText after = scrapeUntil(
                m -> m.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_name") > refusalsBefore);
        assertThat(after.value("guestlist_refusals_total", "route", REGISTER, "code", "invalid_name") - refusalsBefore)
                .isEqualTo(1);
        assertThat(after.sum("guestlist_registrations_total")).isEqualTo(before.sum("guestlist_registrations_total"));
    }

    @Test
    void requestsNoEndpointTookShareOneRouteAndTheHistogramIsCumulative() throws Exception {
        PrometheusText before = scrape();
        double unmatched = requests(before, "unmatched", "GET", 404);

        for (int i = 0; i < 3; i++) {
            HttpApi.expect(h.api().get("/no/such/endpoint/" + i, null), 404, "unknown path");
        }

        PrometheusText after = scrapeUntil(m -> requests(m, "unmatched", "GET", 404) >= unmatched + 3);
        assertThat(requests(after, "unmatched", "GET", 404) - unmatched).isEqualTo(3);
        assertThat(after.series()).noneMatch(series -> series.contains("/no/such/endpoint"));
        String[] site = {"route", "/api/v4/site", "method", "GET", "status", "200"};
        HttpApi.expect(h.api().get("/site", null), 200, "site");
        PrometheusText withSite = scrapeUntil(m -> m.value("guestlist_http_requests_seconds_count", site) > 0);
        double previous = 0;
        for (String le :
                new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0"}) {
            double bucket = withSite.value("guestlist_http_requests_seconds_bucket", with(site, "le", le));
            assertThat(bucket).as("bucket le=%s", le).isGreaterThanOrEqualTo(previous);
            previous = bucket;
        }
        assertThat(withSite.value("guestlist_http_requests_seconds_bucket", with(site, "le", "+Inf")))
                .isEqualTo(withSite.value("guestlist_http_requests_seconds_count", site));
    }

    @Test
    void theSweepsCountTheirRunsAndTheExpiredRowsTheyDeleted() throws Exception {
        PrometheusText before = scrape();
        double rows = before.value("guestlist_sweep_rows_total", "kind", "invites");
        double sweeps = before.value("guestlist_sweeps_seconds_count", "kind", "invites", "outcome", "ok");
        Sql.update(server.bean(Database.class).dataSource()::getConnection, """
                INSERT INTO local_user_invite (token, local_user_id, expires_at, published_at)
                SELECT md5('metrics-expired' || g), ?, now() - interval '1 minute', now() - interval '1 hour'
                  FROM generate_series(1, 3) g""", h.adminId());

        PrometheusText after = scrapeUntil(m -> m.value("guestlist_sweep_rows_total", "kind", "invites") >= rows + 3);
        assertThat(after.value("guestlist_sweep_rows_total", "kind", "invites") - rows)
                .isEqualTo(3);
        assertThat(after.value("guestlist_sweeps_seconds_count", "kind", "invites", "outcome", "ok"))
                .isGreaterThan(sweeps);
        assertThat(after.value("guestlist_sweeps_seconds_sum", "kind", "invites", "outcome", "ok"))
                .isPositive();
    }

    @Test
    void theManagementPortServesNothingButGetMetrics() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = metricsUrl.substring(0, metricsUrl.length() - "/metrics".length());

        HttpResponse<String> other = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v4/site")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(URI.create(metricsUrl))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] more = java.util.Arrays.copyOf(labels, labels.length + 2);
        more[labels.length] = name;
        more[labels.length + 1] = value;
        return more;
    }
}
