package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import guestlist.testsupport.Sql;
import guestlist.testsupport.TestPostgres;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server process killed with SIGKILL in the middle of registrations: it gets no chance to
 * finish anything, so only what the database committed counts. Every registration that was
 * answered 200 must be in the database, and every account must come with its invite use
 * (one transaction each, SPEC §5). Then the server starts again on the same database and works.
 *
 * <p>Two cases. The strong one runs on a PostgreSQL the test owns, which keeps running while the
 * server dies, as an operator's database does: the database is inspected right after the kill.
 * The other runs on the embedded database: PostgreSQL runs as a process of its own that survives
 * a SIGKILL of the JVM (nothing can stop it then), and the next start on the same data directory
 * must still come up, with the data.
 */
class CrashIT {

    private static final int CLIENTS = 8;
    /** Registrations acknowledged before the kill; enough to have many more in flight. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path work;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (work != null) {
            ServerProcess.killProcessesOn(ServerProcess.embeddedPgData(work.resolve("data")));
            Directories.deleteRecursively(work);
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    @Test
    void aKilledServerLosesNoAcknowledgedRegistrationAndLeavesNoPartialState() throws Exception {
        work = Files.createTempDirectory("guestlist-crash-");
        TestPostgres postgres = closeLater(TestPostgres.start());
        Map<String, String> env = ServerProcess.environment(Ports.free(), postgres);
        ServerProcess server = closeLater(ServerProcess.launch("server", env, work.resolve("server.log")))
                .awaitHealthy(Duration.ofMinutes(2));
        HttpApi api = server.api();
        String admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        long adminId = api.myId(admin);
        HttpApi.expect(api.put("/site", HttpApi.object("registration_mode", "require_invitation"), admin), 200, "mode");
        String invite = api.createInvite(admin, "max_uses", 1_000_000);

        // clients register without pause until the server is gone
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        List<String> otherAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger names = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            Thread thread = new Thread(
                    () -> {
                        while (true) {
                            String name = "crash_" + names.incrementAndGet();
                            sent.add(name);
                            HttpApi.Answer answer;
                            try {
                                answer = api.register(name, invite);
                            } catch (UncheckedIOException serverGone) {
                                unanswered.add(name);
                                return;
                            }
                            if (answer.status() == 200 && answer.jwt() != null) {
                                acknowledged.add(name);
                            } else {
                                otherAnswers.add(name + ": " + answer);
                            }
                        }
                    },
                    "crash-client-" + client);
            thread.start();
            clients.add(thread);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
            assertThat(System.nanoTime())
                    .as("registrations go on; log:%n%s", server.log())
                    .isLessThan(deadline);
            assertThat(otherAnswers).isEmpty();
            Thread.sleep(10);
        }
        server.kill();
        for (Thread thread : clients) {
            thread.join(60_000);
            assertThat(thread.isAlive())
                    .as("a client still waits for the killed server")
                    .isFalse();
        }
        Set<String> acknowledgedAtKill = Set.copyOf(acknowledged);

        // the database, as the killed server left it
        assertThat(otherAnswers).as("answers other than 200 before the kill").isEmpty();
        Set<String> found = names(postgres, "SELECT name FROM local_user WHERE name LIKE 'crash\\_%'");
        assertThat(found).as("every acknowledged registration is there").containsAll(acknowledgedAtKill);
        assertThat(sent).as("and nothing that was not asked for").containsAll(found);
        assertThat(postgres.number(
                        "SELECT count(*) FROM local_user WHERE NOT admin " + "AND invited_by_local_user_id IS NULL"))
                .as("no account without its invite use")
                .isZero();
        long invited = postgres.number("SELECT count(*) FROM local_user WHERE invited_by_local_user_id = ?", adminId);
        assertThat(postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite))
                .as("the invite counts exactly the accounts made with it")
                .isEqualTo(invited)
                .isEqualTo(found.size());
        assertThat(postgres.number("""
                SELECT count(*) FROM local_user u
                 WHERE u.name LIKE 'crash\\_%'
                   AND NOT EXISTS (SELECT 1 FROM login_token t WHERE t.local_user_id = u.id)"""))
                .as("every account made with the invite has the session its registration opened")
                .isZero();
        assertThat(postgres.number("SELECT count(*) FROM registration_application"))
                .isZero();

        // the server starts again on the same database and works
        ServerProcess again = closeLater(ServerProcess.launch("restarted", env, work.resolve("restarted.log")))
                .awaitHealthy(Duration.ofMinutes(2));
        HttpApi restarted = again.api();
        String someone = acknowledgedAtKill.iterator().next();
        assertThat(restarted.login(someone, Credentials.PASSWORD)).isNotBlank();
        HttpApi.expect(restarted.register("after_crash", invite), 200, "register after the restart");
        assertThat(postgres.number("SELECT uses_count FROM local_user_invite WHERE token = ?", invite))
                .isEqualTo(found.size() + 1L);
        again.askToStop();
        assertThat(again.awaitExit(Duration.ofSeconds(60)))
                .as("exit status; log:%n%s", again.log())
                .isZero();
        assertThat(again.log()).doesNotContain("Exception").doesNotContain("ERROR");

        System.out.printf(
                "crash (external database): %d registrations sent, %d acknowledged with 200 before the "
                        + "SIGKILL, %d unanswered (in flight), %d found after the kill (lost: %d; committed but not "
                        + "acknowledged: %d), invite uses_count %d = invited accounts%n",
                sent.size(),
                acknowledgedAtKill.size(),
                unanswered.size(),
                found.size(),
                acknowledgedAtKill.stream()
                        .filter(name -> !found.contains(name))
                        .count(),
                found.stream()
                        .filter(name -> !acknowledgedAtKill.contains(name))
                        .count(),
                found.size());
    }

    @Test
    void afterAKillTheEmbeddedDatabaseComesUpAgainOnTheSameDataDirectoryWithItsData() throws Exception {
        work = Files.createTempDirectory("guestlist-crash-embedded-");
        Path dataDir = work.resolve("data");
        Path pgData = ServerProcess.embeddedPgData(dataDir);
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", dataDir.toString());
        ServerProcess server = closeLater(ServerProcess.launch("server", env, work.resolve("server.log")))
                .awaitHealthy(Duration.ofMinutes(2));
        HttpApi api = server.api();
        String admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        String invite = api.createInvite(admin);
        HttpApi.expect(api.register("before_kill", invite), 200, "register before the kill");
        long postmaster = ServerProcess.postmasterPid(pgData).orElseThrow();

        server.kill();
        boolean survived =
                ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false);

        ServerProcess again = closeLater(ServerProcess.launch("restarted", env, work.resolve("restarted.log")))
                .awaitHealthy(Duration.ofSeconds(90));
        HttpApi restarted = again.api();
        assertThat(restarted.login("before_kill", Credentials.PASSWORD))
                .as("the data from before the kill")
                .isNotBlank();
        assertThat(restarted
                        .get("/account/invite/validity?token=" + HttpApi.encode(invite), null)
                        .body()
                        .path("valid")
                        .asBoolean())
                .isTrue();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .as("the postmaster the killed server left behind is gone")
                .isFalse();

        long newPostmaster = ServerProcess.postmasterPid(pgData).orElseThrow();
        again.askToStop();
        assertThat(again.awaitExit(Duration.ofSeconds(60)))
                .as("exit status; log:%n%s", again.log())
                .isZero();
        assertThat(ProcessHandle.of(newPostmaster).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(ServerProcess.processesOn(pgData))
                .as("no PostgreSQL left on the data directory")
                .isEmpty();
        assertThat(again.log()).doesNotContain("Exception");

        System.out.printf(
                "crash (embedded database): the postmaster %s the SIGKILL of the JVM; the restart on the "
                        + "same data directory came up with the data%n",
                survived ? "survived" : "did not survive");
    }

    private static Set<String> names(TestPostgres postgres, String sql) {
        return new HashSet<>(Sql.texts(postgres::connect, sql));
    }
}
