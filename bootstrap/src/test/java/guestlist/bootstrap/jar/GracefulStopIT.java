package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import guestlist.testsupport.RawClient;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while requests are in flight (SPEC §4, README): the jar stops taking new requests,
 * finishes the ones it has (registrations, each a slow Argon2 hash and a transaction), closes the
 * pool and the embedded PostgreSQL, leaves no PostgreSQL process behind, and exits 0. The
 * registrations it answered are in the database, looked at after the process ended.
 */
class GracefulStopIT {

    /** Registrations in flight at the SIGTERM: the hashing pool has one thread per core, so most of them wait. */
    private static final int IN_FLIGHT = 24;

    private Path work;
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (work != null) {
            ServerProcess.killProcessesOn(ServerProcess.embeddedPgData(work.resolve("data")));
            Directories.deleteRecursively(work);
        }
    }

    /** An answer read off a raw socket, and when it came. */
    private record Raw(int status, String text, long answeredNanos) {}

    @Test
    void sigtermFinishesTheRequestsInFlightRefusesNewOnesStopsPostgresAndExitsZero() throws Exception {
        work = Files.createTempDirectory("guestlist-graceful-");
        Path dataDir = work.resolve("data");
        Path pgData = ServerProcess.embeddedPgData(dataDir);
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", dataDir.toString());
        server = ServerProcess.launch("server", env, work.resolve("server.log")).awaitHealthy(Duration.ofMinutes(2));
        HttpApi api = server.api();
        String admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        String invite = api.createInvite(admin);
        long postmaster = ServerProcess.postmasterPid(pgData).orElseThrow();
        assertThat(ServerProcess.processesOn(pgData))
                .extracting(ProcessHandle::pid)
                .contains(postmaster);

        // every request written whole to its own connection before the signal
        RawClient client = new RawClient(server.port());
        List<RawClient.Connection> connections = new ArrayList<>();
        List<CompletableFuture<Raw>> answers = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            RawClient.Connection connection = client.open();
            connection.setReadTimeout(Duration.ofSeconds(60));
            connections.add(connection);
            send(connection, HttpApi.JSON.writeValueAsString(HttpApi.registration("graceful_" + i, invite)));
        }
        ExecutorService readers = Executors.newFixedThreadPool(IN_FLIGHT);
        for (RawClient.Connection connection : connections) {
            answers.add(CompletableFuture.supplyAsync(() -> read(connection), readers));
        }
        // the first answer shows the server at work on them: stop it now
        CompletableFuture.anyOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long signalled = System.nanoTime();
        server.askToStop();

        // a request that comes once the server has begun to stop is not taken (how soon the JVM runs
        // its shutdown hook after the signal depends on the machine's load, so the test waits for it)
        server.awaitLog("Guestlist API refuses new requests", Duration.ofSeconds(30));
        String late;
        try {
            HttpApi.Answer answer = api.register("graceful_late", invite);
            late = answer.status() + " " + answer.error();
        } catch (UncheckedIOException refused) {
            late = "connection refused";
        }

        List<Raw> finished = new ArrayList<>();
        for (CompletableFuture<Raw> answer : answers) {
            finished.add(answer.get(60, TimeUnit.SECONDS));
        }
        readers.shutdown();
        int exitStatus = server.awaitExit(Duration.ofSeconds(60));
        long answeredAfterTheSignal =
                finished.stream().filter(raw -> raw.answeredNanos() > signalled).count();

        assertThat(finished).as("every request in flight is finished").allSatisfy(raw -> {
            assertThat(raw.status()).as(raw.text()).isEqualTo(200);
            assertThat(raw.text()).contains("\"jwt\"");
        });
        assertThat(answeredAfterTheSignal)
                .as("requests were still in flight at the signal")
                .isPositive();
        assertThat(late).as("a new request after the signal").isIn("503 service_unavailable", "connection refused");
        assertThat(exitStatus).as("exit status; log:%n%s", server.log()).isZero();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .as("the embedded PostgreSQL has stopped")
                .isFalse();
        assertThat(ServerProcess.processesOn(pgData))
                .as("no process left on the data directory")
                .isEmpty();
        assertThat(pgData.resolve("postmaster.pid"))
                .as("PostgreSQL shut down cleanly")
                .doesNotExist();
        String log = server.log();
        assertThat(log)
                .contains("Guestlist stopped")
                .contains("embedded PostgreSQL stopped")
                .doesNotContain("still in flight")
                .doesNotContain("Exception")
                .doesNotContain("ERROR");
        assertThat(log.indexOf("Guestlist API stopped"))
                .as("the API stops before the database")
                .isLessThan(log.indexOf("embedded PostgreSQL stopped"));

        try (TestPostgres database = TestPostgres.onDataDirectory(pgData)) {
            assertThat(database.number("SELECT count(*) FROM local_user WHERE name LIKE 'graceful\\_%'"))
                    .as("every answered registration is stored, the late one is not")
                    .isEqualTo(IN_FLIGHT);
            assertThat(database.number("""
                    SELECT count(*) FROM local_user u
                     WHERE u.name LIKE 'graceful\\_%'
                       AND EXISTS (SELECT 1 FROM login_token t WHERE t.local_user_id = u.id)""")).isEqualTo(IN_FLIGHT);
            assertThat(database.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite))
                    .isEqualTo(IN_FLIGHT);
        }
        System.out.printf(
                "graceful stop: %d registrations in flight, %d of them answered after the SIGTERM, all 200 "
                        + "and stored; a request after the signal: %s; exit %d%n",
                IN_FLIGHT, answeredAfterTheSignal, late, exitStatus);
    }

    private static void send(RawClient.Connection connection, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        connection.write("POST /api/v4/account/auth/register HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + connection.port() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n");
        connection.write(body);
    }

    /** Reads the whole answer (the server closes the connection after it). */
    private static Raw read(RawClient.Connection connection) {
        try (connection) {
            RawClient.Response answer = connection.readToEnd();
            return new Raw(answer.status(), answer.head() + "\r\n\r\n" + answer.text(), System.nanoTime());
        } catch (IOException failed) {
            return new Raw(-1, failed.toString(), System.nanoTime());
        }
    }
}
