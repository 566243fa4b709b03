package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.testsupport.Directories;
import guestlist.testsupport.Ports;
import guestlist.testsupport.PrometheusText;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management port of SPEC §8 on the built jar, as the kernel sees the process: which addresses
 * it listens on with the port off (0), by default (loopback only), and with a bind address.
 */
class ManagementPortIT {

    private Path work;
    private ServerProcess server;

    @BeforeEach
    void workDirectory() throws IOException {
        work = Files.createTempDirectory("guestlist-management-");
    }

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        Directories.deleteRecursively(work);
    }

    private ServerProcess start(Map<String, String> extra) throws InterruptedException {
        TestPostgres postgres = TestPostgres.shared();
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl(postgres.newDatabase("management")));
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        env.putAll(extra);
        server = ServerProcess.launch("server", env, work.resolve("server.log"));
        return server.awaitHealthy(Duration.ofMinutes(2));
    }

    @Test
    void withThePortAtZeroNothingButTheApiListens() throws Exception {
        start(Map.of("GUESTLIST_MANAGEMENT_PORT", "0"));

        assertThat(ListeningSockets.of(server.pid())).containsExactly("127.0.0.1:" + server.port());
        assertThat(server.log()).contains("metrics off (GUESTLIST_MANAGEMENT_PORT=0)");
    }

    @Test
    void byDefaultTheMetricsListenOnLoopbackOnly() throws Exception {
        int management = Ports.free();
        start(Map.of("GUESTLIST_MANAGEMENT_PORT", Integer.toString(management)));

        assertThat(ListeningSockets.of(server.pid()))
                .isEqualTo(Set.of("127.0.0.1:" + server.port(), "127.0.0.1:" + management));
        PrometheusText metrics = PrometheusText.scrape("http://127.0.0.1:" + management + "/metrics");
        assertThat(metrics.value(
                        "guestlist_http_requests_seconds_count",
                        "route",
                        "/api/v4/health",
                        "method",
                        "GET",
                        "status",
                        "200"))
                .as("the health checks of the start")
                .isPositive();
        assertThatThrownBy(() -> connect("127.0.0.2", management))
                .as("another loopback address of this machine")
                .isInstanceOf(ConnectException.class);
        assertThat(server.log()).contains("metrics on http://127.0.0.1:" + management + "/metrics");
    }

    @Test
    void aBindAddressOpensTheMetricsToIt() throws Exception {
        int management = Ports.free();
        start(Map.of(
                "GUESTLIST_MANAGEMENT_PORT",
                Integer.toString(management),
                "GUESTLIST_MANAGEMENT_BIND_ADDRESS",
                "0.0.0.0"));

        assertThat(ListeningSockets.of(server.pid()))
                .isEqualTo(Set.of("127.0.0.1:" + server.port(), "*:" + management));
        connect("127.0.0.2", management);
        PrometheusText.scrape("http://127.0.0.2:" + management + "/metrics");
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        }
    }
}
