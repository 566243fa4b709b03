package guestlist.bootstrap.jar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar as an operator runs it: {@code java -jar bootstrap/target/guestlist.jar} with
 * nothing but environment variables, an embedded PostgreSQL in the data directory, and a clean
 * exit (status 0) on SIGTERM. Runs after {@code package}, in the integration-test phase.
 */
class GuestlistJarIT {

    private static final Path JAR = Path.of("target", "guestlist.jar");
    private static final String ADMIN_PASSWORD = "jar-admin-password";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path dataDir;
    private Path log;
    private Process process;

    @AfterEach
    void cleanUp() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void jarServesStopsCleanlyOnSigtermAndKeepsItsDataAcrossRestarts() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        dataDir = Files.createTempDirectory("guestlist-jar-");
        log = dataDir.resolve("server.log");
        int port = freePort();

        start(port);
        String body = login(port);
        assertThat(body).contains("\"jwt\"");
        stopWithSigterm();

        start(port);
        assertThat(login(port)).as("the admin made at the first start is still there").contains("\"jwt\"");
        stopWithSigterm();

        String output = Files.readString(log);
        assertThat(output).contains("created the admin 'jar_admin'").contains("Guestlist stopped");
        assertThat(output).doesNotContain("Exception");
    }

    private void start(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("GUESTLIST_"));
        builder.environment().put("GUESTLIST_PORT", Integer.toString(port));
        builder.environment().put("GUESTLIST_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("GUESTLIST_ADMIN_USERNAME", "jar_admin");
        builder.environment().put("GUESTLIST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        process = builder.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (!healthy(port)) {
            assertThat(process.isAlive()).as("the server is running; its log: %s", Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("healthy within 120 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private void stopWithSigterm() throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
        assertThat(process.exitValue()).as("exit status; log: %s", Files.readString(log)).isZero();
    }

    private boolean healthy(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v4/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String login(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v4/account/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username_or_email\":\"jar_admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
