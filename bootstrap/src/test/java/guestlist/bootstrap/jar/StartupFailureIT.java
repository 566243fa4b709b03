package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.Ports;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot succeed, on the built jar (SPEC §8): every setting is checked before anything
 * starts; a failure is one line, {@code cannot start: ...}, naming the variable (or, for a database
 * that cannot be reached, its host, port and cause) and a non-zero exit; never a stack trace. A
 * database that comes up while the start waits for it is used.
 */
class StartupFailureIT {

    private Path work;
    private ServerProcess server;
    private TestPostgres ownPostgres;

    @BeforeEach
    void workDirectory() throws IOException {
        work = Files.createTempDirectory("guestlist-startup-");
    }

    @AfterEach
    void cleanUp() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (ownPostgres != null) {
                ownPostgres.close();
            }
            Directories.deleteRecursively(work);
        }
    }

    private Map<String, String> embedded() {
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());
        return env;
    }

    private static Map<String, String> onSharedPostgres(String database) {
        TestPostgres postgres = TestPostgres.shared();
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl(postgres.newDatabase(database)));
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        return env;
    }

    /** Runs the jar to its end; its exit status. */
    private int run(Map<String, String> env) throws InterruptedException {
        server = ServerProcess.launch("failing", env, work.resolve("server.log"));
        return server.awaitExit(Duration.ofMinutes(2));
    }

    private List<String> lines() {
        return server.log().lines().filter(line -> !line.isBlank()).toList();
    }

    /** The one {@code cannot start:} line, after checking that there is one and no stack trace. */
    private String failureLine() {
        List<String> failures =
                lines().stream().filter(line -> line.contains("cannot start:")).toList();
        assertThat(failures).as("the log:%n%s", server.log()).hasSize(1);
        assertThat(server.log())
                .as("no stack trace")
                .doesNotContain("\tat ")
                .doesNotContain("Caused by")
                .doesNotContain("Exception");
        String line = failures.get(0);
        return line.substring(line.indexOf("cannot start:"));
    }

    @Test
    void aPublicUrlThatIsNoUrlStopsTheStartInOneLineBeforeTheDatabaseStarts() throws Exception {
        Map<String, String> env = embedded();
        env.put("GUESTLIST_PUBLIC_URL", "not a url");

        assertThat(run(env)).isEqualTo(2);

        assertThat(lines()).as("nothing but the one line").hasSize(1);
        assertThat(failureLine())
                .isEqualTo("cannot start: GUESTLIST_PUBLIC_URL must be an absolute http:// or https:// URL with a host"
                        + " and without query or fragment, such as https://guestlist.example, not 'not a url'");
        assertThat(work.resolve("data"))
                .as("the embedded database was not started")
                .doesNotExist();
    }

    @Test
    void aManagementPortThatIsTheApisIsRefusedBeforeAnythingStarts() throws Exception {
        Map<String, String> env = embedded();
        env.put("GUESTLIST_MANAGEMENT_PORT", env.get("GUESTLIST_PORT"));

        assertThat(run(env)).isEqualTo(2);

        assertThat(lines()).hasSize(1);
        assertThat(failureLine()).startsWith("cannot start: GUESTLIST_MANAGEMENT_PORT must differ from GUESTLIST_PORT");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void aDatabaseUrlThatCannotBeReadIsNamedWithoutRepeatingItsPassword() throws Exception {
        Map<String, String> env = embedded();
        env.put("GUESTLIST_DATABASE_URL", "jdbc:postgresql://db.example:54x2/guestlist?password=hunter2hunter2");

        assertThat(run(env)).isEqualTo(2);

        assertThat(failureLine())
                .isEqualTo("cannot start: GUESTLIST_DATABASE_URL must be a jdbc:postgresql://host:port/database URL:"
                        + " a port must be a number from 1 to 65535");
        assertThat(server.log()).doesNotContain("hunter2");
    }

    @Test
    void anUnreachableDatabaseIsTriedAgainUntilTheTimeoutThenNamedInOneLineWithHostPortAndCause() throws Exception {
        int nobody = Ports.free();
        Map<String, String> env = embedded();
        env.put("GUESTLIST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/guestlist");
        env.put("GUESTLIST_DATABASE_START_TIMEOUT", "PT2S");
        long started = System.nanoTime();

        assertThat(run(env)).isEqualTo(3);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        List<String> retries = lines().stream()
                .filter(line -> line.contains("the database at 127.0.0.1:" + nobody + " cannot be reached yet (try "))
                .toList();
        assertThat(retries).as("the log:%n%s", server.log()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(retries).allSatisfy(line -> assertThat(line).contains(": Connection refused); trying again in "));
        assertThat(failureLine())
                .matches("cannot start: GUESTLIST_DATABASE_URL: the database at 127\\.0\\.0\\.1:" + nobody
                        + " could not be reached within PT2S \\(GUESTLIST_DATABASE_START_TIMEOUT, \\d+ tries\\):"
                        + " Connection refused");
        assertThat(lines()).as("the tries and the failure, nothing else").hasSize(retries.size() + 1);
    }

    @Test
    void aDatabaseThatComesUpDuringTheWaitIsUsed() throws Exception {
        ownPostgres = TestPostgres.notStarted();
        Map<String, String> env = ServerProcess.environment(Ports.free(), ownPostgres);
        env.put("GUESTLIST_DATABASE_START_TIMEOUT", "PT2M");
        server = ServerProcess.launch("patient", env, work.resolve("server.log"));

        server.awaitLog("cannot be reached yet (try 2: Connection refused)", Duration.ofMinutes(1));
        ownPostgres.startAgain();

        server.awaitHealthy(Duration.ofMinutes(2));
        assertThat(server.api().login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD))
                .isNotBlank();
        assertThat(server.log())
                .contains(":" + ownPostgres.port() + " answered at try ")
                .doesNotContain("cannot start");
    }

    @Test
    void aDatabaseThatRefusesUsForGoodEndsTheWaitAtOnce() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        Map<String, String> env = embedded();
        env.put("GUESTLIST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/no_such_database");
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        env.put("GUESTLIST_DATABASE_START_TIMEOUT", "PT5M");
        long started = System.nanoTime();

        assertThat(run(env)).isEqualTo(3);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("not waited out")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(failureLine())
                .startsWith("cannot start: GUESTLIST_DATABASE_URL: the database at 127.0.0.1:" + postgres.port()
                        + " refused the connection: ")
                .contains("no_such_database");
    }

    @Test
    void aPortInUseIsOneLineNamingItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = onSharedPostgres("port_taken");
            env.put("GUESTLIST_PORT", Integer.toString(taken.getLocalPort()));

            assertThat(run(env)).isEqualTo(1);

            assertThat(failureLine())
                    .isEqualTo("cannot start: GUESTLIST_PORT: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use");
        }
    }

    @Test
    void aManagementPortInUseIsOneLineNamingItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = onSharedPostgres("management_taken");
            env.put("GUESTLIST_MANAGEMENT_PORT", Integer.toString(taken.getLocalPort()));

            assertThat(run(env)).isEqualTo(1);

            assertThat(failureLine())
                    .isEqualTo("cannot start: GUESTLIST_MANAGEMENT_PORT: cannot listen on 127.0.0.1:"
                            + taken.getLocalPort() + ": Address already in use");
        }
    }
}
