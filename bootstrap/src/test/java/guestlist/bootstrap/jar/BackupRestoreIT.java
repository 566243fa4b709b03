package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar guestlist.jar backup FILE} while the server on the embedded default takes
 * registrations, then {@code restore FILE} into a fresh data directory (SPEC §8): the server started
 * on it serves every account (each logs in), every application (each still waits) and the invite
 * with every use acknowledged before the backup began; the commands refuse, in one line, what would
 * overwrite something.
 */
class BackupRestoreIT {

    private static final int REGISTRANTS = 4;
    private static final int BEFORE_BACKUP = 40;

    private Path work;
    private final List<ServerProcess> servers = new ArrayList<>();

    /** A registration the server answered 200, and when the answer came. */
    private record Acknowledged(String name, boolean throughInvite, long answeredNanos) {}

    /** What a command printed, and its exit code. */
    private record Outcome(int exit, String output) {}

    @AfterEach
    void cleanUp() {
        servers.forEach(ServerProcess::close);
        if (work != null) {
            for (String data : List.of("data", "restored")) {
                ServerProcess.killProcessesOn(ServerProcess.embeddedPgData(work.resolve(data)));
            }
            Directories.deleteRecursively(work);
        }
    }

    @Test
    void aBackupTakenUnderRegistrationsRestoresEveryAccountApplicationAndInviteUseAcknowledgedBeforeIt()
            throws Exception {
        work = Files.createTempDirectory("guestlist-backup-");
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());
        ServerProcess original = start("original", env);
        HttpApi api = original.api();
        String admin = api.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        HttpApi.expect(
                api.put(
                        "/site",
                        HttpApi.object("registration_mode", "require_application", "application_question", "Why?"),
                        admin),
                200,
                "require_application");
        String invite = api.createInvite(admin);

        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(REGISTRANTS + 1);
        ExecutorService registrants = Executors.newFixedThreadPool(REGISTRANTS);
        long backupBegan;
        Outcome backup;
        Path file = work.resolve("guestlist.backup");
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int r = 0; r < REGISTRANTS; r++) {
                int registrant = r;
                sent.add(registrants.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int n = 0;
                    while (!stop.get()) {
                        boolean throughInvite = n % 2 == 0;
                        String name = "r" + registrant + "_" + n++;
                        HttpApi.Answer answer = throughInvite
                                ? api.register(name, invite)
                                : api.post(
                                        "/account/auth/register",
                                        HttpApi.registration(name, null).put("answer", "to read along"),
                                        null);
                        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                        acknowledged.add(new Acknowledged(name, throughInvite, System.nanoTime()));
                    }
                    return n;
                }));
            }
            start.await(30, TimeUnit.SECONDS);
            while (acknowledged.size() < BEFORE_BACKUP) {
                Thread.sleep(20);
            }
            backupBegan = System.nanoTime();
            backup = command(env, "backup", file.toString());
            Thread.sleep(500); // registrations go on after the backup too
            stop.set(true);
            for (Future<Integer> registrant : sent) {
                registrant.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            registrants.shutdownNow();
        }
        assertThat(backup.exit()).as(backup.output()).isZero();
        assertThat(backup.output())
                .matches("(?s).*backup: written to .*guestlist.backup, schema version \\d+, \\d+"
                        + " tables, \\d+ rows, in [\\d.]+ s\\R?");
        long usesBeforeStop = uses(api, admin);
        original.askToStop();
        assertThat(original.awaitExit(Duration.ofMinutes(1))).isZero();

        Map<String, String> restoredEnv = ServerProcess.environment(Ports.free());
        restoredEnv.put("GUESTLIST_DATA_DIR", work.resolve("restored").toString());
        Outcome restore = command(restoredEnv, "restore", file.toString());
        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("restore: loaded from");
        HttpApi restored = start("restored", restoredEnv).api();

        List<Acknowledged> before = acknowledged.stream()
                .filter(registration -> registration.answeredNanos() < backupBegan)
                .toList();
        assertThat(before).hasSizeGreaterThanOrEqualTo(BEFORE_BACKUP);
        long invitedBefore = before.stream().filter(Acknowledged::throughInvite).count();
        for (Acknowledged registration : before) {
            HttpApi.Answer login = restored.post(
                    "/account/auth/login",
                    HttpApi.object("username_or_email", registration.name(), "password", Credentials.PASSWORD),
                    null);
            if (registration.throughInvite()) {
                assertThat(login.status())
                        .as("%s logs in: %s", registration.name(), login)
                        .isEqualTo(200);
            } else {
                assertThat(login.error())
                        .as("%s's application still waits: %s", registration.name(), login)
                        .isEqualTo("registration_application_is_pending");
            }
        }
        String restoredAdmin = restored.login(Credentials.ADMIN_NAME, Credentials.ADMIN_PASSWORD);
        long restoredUses = uses(restored, restoredAdmin);
        assertThat(restoredUses)
                .as("the invite's uses: every one acknowledged before the backup, none after the server stopped")
                .isBetween(invitedBefore, usesBeforeStop);
        System.out.printf(
                "backup under load: %d registrations acknowledged before it began (%d through the invite), the"
                        + " invite restored with %d uses of %d at the end; %s%n",
                before.size(),
                invitedBefore,
                restoredUses,
                usesBeforeStop,
                backup.output().strip());

        Outcome again = command(restoredEnv, "restore", file.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output().strip())
                .matches("restore failed: .* already holds a database; restore into a fresh" + " GUESTLIST_DATA_DIR");
        Outcome overwrite = command(env, "backup", file.toString());
        assertThat(overwrite.exit()).isEqualTo(1);
        assertThat(overwrite.output().strip()).isEqualTo("backup failed: " + file + " exists; name a new file");
    }

    @Test
    void aBackupOfAStoppedServersDataDirectoryStartsItsDatabaseForTheBackupAndStopsItAgain() throws Exception {
        work = Files.createTempDirectory("guestlist-backup-stopped-");
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());
        ServerProcess server = start("server", env);
        HttpApi.expect(
                server.api()
                        .post(
                                "/account/auth/register",
                                HttpApi.registration("before_the_stop", null).put("answer", "to read along"),
                                null),
                200,
                "a registration");
        server.askToStop();
        assertThat(server.awaitExit(Duration.ofMinutes(1))).isZero();

        Outcome backup = command(env, "backup", work.resolve("stopped.backup").toString());

        assertThat(backup.exit()).as(backup.output()).isZero();
        assertThat(ServerProcess.processesOn(ServerProcess.embeddedPgData(work.resolve("data"))))
                .as("PostgreSQL stopped again")
                .isEmpty();
        Map<String, String> restoredEnv = ServerProcess.environment(Ports.free());
        restoredEnv.put("GUESTLIST_DATA_DIR", work.resolve("restored").toString());
        assertThat(command(
                                restoredEnv,
                                "restore",
                                work.resolve("stopped.backup").toString())
                        .exit())
                .isZero();
        HttpApi restored = start("restored", restoredEnv).api();
        assertThat(restored.post(
                                "/account/auth/login",
                                HttpApi.object(
                                        "username_or_email", "before_the_stop", "password", Credentials.PASSWORD),
                                null)
                        .error())
                .as("the account, still waiting for its application")
                .isEqualTo("registration_application_is_pending");
    }

    @Test
    void aCommandCalledWronglyOrWithoutADatabaseSaysSoInOneLine() throws Exception {
        work = Files.createTempDirectory("guestlist-backup-wrong-");
        Map<String, String> env = ServerProcess.environment(Ports.free());
        env.put("GUESTLIST_DATA_DIR", work.resolve("data").toString());

        Outcome nothing = command(env, "backup", work.resolve("x.backup").toString());
        Outcome usage = command(env, "backup");
        Outcome missing = command(env, "restore", work.resolve("no.backup").toString());

        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.output().strip()).matches("backup failed: no database in .*data \\(GUESTLIST_DATA_DIR\\)");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.output().strip()).isEqualTo("usage: java -jar guestlist.jar backup FILE | restore FILE");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output().strip()).isEqualTo("restore failed: no file " + work.resolve("no.backup"));
        assertThat(work.resolve("data")).doesNotExist();
    }

    private ServerProcess start(String name, Map<String, String> env) throws InterruptedException {
        ServerProcess server = ServerProcess.launch(name, env, work.resolve(name + ".log"));
        servers.add(server);
        return server.awaitHealthy(Duration.ofMinutes(2));
    }

    /** The uses of the admin's one invite. */
    private static long uses(HttpApi api, String admin) {
        HttpApi.Answer invites = api.get("/account/invite/list", admin);
        assertThat(invites.status()).as("%s", invites).isEqualTo(200);
        return invites.body().get("items").get(0).get("uses_count").asLong();
    }

    /** Runs the jar with {@code args}; what it printed (standard output, without the log) and its exit code. */
    private Outcome command(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> line = new ArrayList<>(List.of(java, "-jar", ServerProcess.JAR.toString()));
        line.addAll(List.of(args));
        Path out = Files.createTempFile(work, "command-", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GUESTLIST_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s ended", line).isTrue();
        return new Outcome(process.exitValue(), Files.readString(out));
    }
}
