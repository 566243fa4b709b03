package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built jar as an operator runs it: {@code java -jar bootstrap/target/guestlist.jar} with
 * nothing but environment variables, an embedded PostgreSQL in the data directory, and a clean
 * exit (status 0) on SIGTERM. Runs after {@code package}, in the integration-test phase.
 */
class GuestlistJarIT {

    private Path work;
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        Directories.deleteRecursively(work);
    }

    @Test
    void jarServesStopsCleanlyOnSigtermAndKeepsItsDataAcrossRestarts() throws Exception {
        work = Files.createTempDirectory("guestlist-jar-");
        Path log = work.resolve("server.log");
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());

        server = ServerProcess.launch("server", env, log).awaitHealthy(Duration.ofMinutes(2));
        assertThat(server.api().login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD))
                .isNotBlank();
        stopWithSigterm();

        server = ServerProcess.launch("restarted", env, log).awaitHealthy(Duration.ofMinutes(2));
        assertThat(server.api().login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD))
                .as("the admin made at the first start is still there")
                .isNotBlank();
        stopWithSigterm();

        String output = Files.readString(log);
        assertThat(output)
                .contains("created the admin '" + Credentials.ADMIN_NAME + "'")
                .contains("Guestlist stopped");
        assertThat(output).doesNotContain("Exception");
    }

    @Test
    void aSettingThatCannotBeUnderstoodStopsTheStartWithOneLineNamingIt() throws Exception {
        work = Files.createTempDirectory("guestlist-jar-");
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());
        env.put("GUESTLIST_TRUSTED_PROXIES", "127.0.0.1, nginx.internal");

        server = ServerProcess.launch("misconfigured", env, work.resolve("server.log"));

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(server.log())
                .contains("cannot start: GUESTLIST_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges:"
                        + " 'nginx.internal' is not an IP address or a CIDR range")
                .doesNotContain("Exception");
        assertThat(work.resolve("data")).as("nothing was started").doesNotExist();
    }

    private void stopWithSigterm() throws InterruptedException {
        server.askToStop();
        assertThat(server.awaitExit(Duration.ofSeconds(60)))
                .as("exit status; log: %s", server.log())
                .isZero();
    }
}
