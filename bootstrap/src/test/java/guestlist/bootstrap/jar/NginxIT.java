package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Directories;
import guestlist.testsupport.Ports;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built jar behind a real nginx (Debian's, {@value #NGINX}), configured with exactly the block
 * the README recommends ({@code docs/nginx.conf}, its two placeholders filled in), as SPEC §8 and
 * the README describe: nginx listens on a free port of 127.0.0.1, Guestlist trusts 127.0.0.1, the
 * address nginx connects from. Clients reach nginx from addresses of their own (all of 127/8 is
 * loopback): behind nginx each is limited for itself, a forged {@code X-Forwarded-For} sent through
 * nginx or straight to Guestlist changes nothing.
 *
 * <p>nginx is needed: {@code .ci/run} installs it from Debian when it is missing, and without it this
 * test fails saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxIT {

    static final String NGINX = "/usr/sbin/nginx";
    static final Path RECOMMENDED = Path.of("..", "docs", "nginx.conf");

    private static final int VALIDITY = 3;
    private static final int AUTH = 2;
    private static final String VALIDITY_CHECK = "/api/v4/account/invite/validity?token=" + "A".repeat(32);
    private static final String LOGIN = "{\"username_or_email\":\"nobody_here\",\"password\":\"not the password\"}";

    private Path work;
    private TestPostgres postgres;
    private ServerProcess guestlist;
    private Process nginx;
    private int nginxPort;

    @BeforeAll
    void startGuestlistBehindNginx() throws Exception {
        assertThat(Path.of(NGINX))
                .as("nginx is needed for this test (README, \"Running behind nginx\"): install Debian's package"
                        + " (apt-get install nginx-light, or nginx); .ci/run does when it is missing")
                .isExecutable();
        work = Files.createTempDirectory("guestlist-nginx-");
        postgres = TestPostgres.start();
        Map<String, String> env = ServerProcess.environment(Ports.free(), postgres);
        env.put("GUESTLIST_TRUSTED_PROXIES", "127.0.0.1");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", Integer.toString(VALIDITY));
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", Integer.toString(AUTH));
        guestlist = ServerProcess.launch("guestlist", env, work.resolve("guestlist.log"));
        guestlist.awaitHealthy(Duration.ofMinutes(2));

        nginxPort = Ports.free();
        Path conf = writeConfiguration();
        String early = work.resolve("error.log").toString(); // nginx's log before it has read the configuration
        Process check = new ProcessBuilder(NGINX, "-t", "-e", early, "-p", work.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("nginx -t: %s", checked).isZero();
        nginx = new ProcessBuilder(NGINX, "-e", early, "-p", work.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("nginx.out").toFile())
                .start();
        awaitNginx();
    }

    /**
     * nginx's main configuration for this test (in the foreground, everything in the work directory)
     * around the README's block, taken from {@code docs/nginx.conf} as it is, with where nginx
     * listens and where Guestlist listens filled in.
     */
    private Path writeConfiguration() throws IOException {
        String recommended = Files.readString(RECOMMENDED)
                .replace("LISTEN_ADDRESS", "127.0.0.1:" + nginxPort)
                .replace("GUESTLIST_ADDRESS", "127.0.0.1:" + guestlist.port());
        assertThat(recommended).doesNotContain("LISTEN_ADDRESS").doesNotContain("GUESTLIST_ADDRESS");
        Path site = Files.writeString(work.resolve("guestlist.conf"), recommended);
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(work.resolve("temp").resolve(temp));
        }
        String root = "root".equals(System.getProperty("user.name"))
                ? "user root;\n" // the workers write the temp directories this test made
                : "";
        String main = root + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/temp/client_body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    include %2$s;
                }
                """.formatted(work.toAbsolutePath(), site.toAbsolutePath());
        return Files.writeString(work.resolve("nginx.conf"), main);
    }

    private void awaitNginx() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            assertThat(nginx.isAlive())
                    .as("nginx runs; its output: %s", nginxOutput())
                    .isTrue();
            try {
                RawClient.Response health = new RawClient(nginxPort).send("GET", "/api/v4/health", List.of(), null);
                if (health.status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime())
                    .as("nginx answers; its output: %s", nginxOutput())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String nginxOutput() {
        try {
            return Files.readString(work.resolve("nginx.out")) + Files.readString(work.resolve("error.log"));
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (nginx != null) {
                nginx.destroy(); // SIGTERM: nginx stops at once
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
            if (guestlist != null && guestlist.alive()) {
                guestlist.askToStop();
                assertThat(guestlist.awaitExit(Duration.ofSeconds(60))).isZero();
                assertThat(guestlist.log()).doesNotContain("Exception").doesNotContain("ERROR");
            }
        } finally {
            if (guestlist != null) {
                guestlist.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            Directories.deleteRecursively(work);
        }
    }

    /** A client of nginx, connecting from {@code address}. */
    private RawClient throughNginx(String address) {
        return new RawClient(nginxPort).from(address);
    }

    /** A client of Guestlist itself, past nginx, connecting from {@code address}. */
    private RawClient straight(String address) {
        return new RawClient(guestlist.port()).from(address);
    }

    private static RawClient.Response validity(RawClient client, String... headers) {
        return client.send("GET", VALIDITY_CHECK, Arrays.asList(headers), null);
    }

    private static RawClient.Response login(RawClient client, String... headers) {
        List<String> all = new ArrayList<>(Arrays.asList(headers));
        all.add("Content-Type: application/json");
        return client.send("POST", "/api/v4/account/auth/login", all, LOGIN.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertTooManyRequests(RawClient.Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.isEnvelope())
                .as("Guestlist's envelope, through nginx: %s", answer)
                .isTrue();
        assertThat(answer.error()).isEqualTo("too_many_requests");
        assertThat(answer.header("Retry-After").map(Long::parseLong).orElseThrow())
                .isBetween(1L, 60L);
    }

    @Test
    void twoClientsBehindNginxAreLimitedSeparately() {
        RawClient first = throughNginx("127.0.0.2");
        RawClient second = throughNginx("127.0.0.3");
        for (int i = 0; i < VALIDITY; i++) {
            RawClient.Response answer = validity(first);
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.text()).contains("\"valid\":false");
        }
        assertTooManyRequests(validity(first));

        for (int i = 0; i < VALIDITY; i++) {
            assertThat(validity(second).status())
                    .as("the other client's own budget")
                    .isEqualTo(200);
        }
        assertTooManyRequests(validity(second));

        for (int i = 0; i < AUTH; i++) {
            assertThat(login(first).status()).isEqualTo(401);
        }
        assertTooManyRequests(login(first));
        assertThat(login(second).status())
                .as("log-ins are limited per client too")
                .isEqualTo(401);
    }

    @Test
    void aForgedForwardedForSentThroughNginxChangesNothing() {
        RawClient client = throughNginx("127.0.0.4");
        for (int i = 0; i < VALIDITY; i++) {
            assertThat(validity(client, "X-Forwarded-For: 203.0.113." + i).status())
                    .isEqualTo(200);
        }

        assertTooManyRequests(validity(client, "X-Forwarded-For: 203.0.113.99"));
        assertTooManyRequests(validity(client, "X-Forwarded-For: 127.0.0.1"));
        assertTooManyRequests(validity(client, "X-Forwarded-For: garbage"));
    }

    @Test
    void aForgedForwardedForSentStraightToGuestlistChangesNothing() {
        RawClient forger = straight("127.0.0.5");
        for (int i = 0; i < VALIDITY; i++) {
            assertThat(validity(forger, "X-Forwarded-For: 127.0.0.6").status()).isEqualTo(200);
        }

        assertTooManyRequests(validity(forger, "X-Forwarded-For: 127.0.0.7"));
        assertTooManyRequests(validity(forger));
        assertThat(validity(throughNginx("127.0.0.6")).status())
                .as("the client the forger named was not charged")
                .isEqualTo(200);
    }
}
