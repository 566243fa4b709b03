package guestlist.bootstrap.jar;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.testsupport.Credentials;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as an operator runs it, {@code java -jar target/guestlist.jar} with nothing but
 * environment variables, as a real OS process of its own: its output goes to a log file, it can be
 * asked to stop (SIGTERM) or killed (SIGKILL).
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "guestlist.jar");

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServerProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * The environment of a test server on {@code port}: the test admin ({@link Credentials}), rate
     * limits off, no management port (tests that run at once must not share 9536). Add {@code GUESTLIST_DATABASE_URL} or {@code GUESTLIST_DATA_DIR} to it.
     */
    static Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("GUESTLIST_PORT", Integer.toString(port));
        env.put("GUESTLIST_MANAGEMENT_PORT", "0");
        env.put("GUESTLIST_ADMIN_USERNAME", Credentials.ADMIN_NAME);
        env.put("GUESTLIST_ADMIN_PASSWORD", Credentials.ADMIN_PASSWORD);
        env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
        env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "0");
        return env;
    }

    /** The environment for a server on the database a test owns. */
    static Map<String, String> environment(int port, TestPostgres postgres) {
        Map<String, String> env = environment(port);
        env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl());
        env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        return env;
    }

    /** Starts the jar; does not wait for it to listen (see {@link #awaitHealthy}). Its output goes to {@code log}. */
    static ServerProcess launch(String name, Map<String, String> env, Path log) {
        assertThat(JAR).as("built by the package phase").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GUESTLIST_"));
        builder.environment().putAll(env);
        try {
            return new ServerProcess(name, Integer.parseInt(env.get("GUESTLIST_PORT")), log, builder.start());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Waits until {@code GET /health} answers 200; fails when the process ends or time runs out. */
    ServerProcess awaitHealthy(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!healthy()) {
            assertThat(process.isAlive())
                    .as("%s is running; its log:%n%s", name, log())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("%s healthy within %s; its log:%n%s", name, patience, log())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        return this;
    }

    boolean healthy() {
        return api().healthy();
    }

    HttpApi api() {
        return new HttpApi(port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as an operator or a service manager stops it. */
    void askToStop() {
        process.destroy();
    }

    /** Waits until the log holds {@code line}, or fails naming it. */
    void awaitLog(String line, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!log().contains(line)) {
            assertThat(System.nanoTime())
                    .as("%s logged '%s' within %s; its log:%n%s", name, line, patience, log())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end; its exit status. */
    int awaitExit(Duration patience) throws InterruptedException {
        assertThat(process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS))
                .as("%s ended within %s; its log:%n%s", name, patience, log())
                .isTrue();
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to do anything more. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s killed", name).isTrue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException unreadable) {
            return "(log unreadable: " + unreadable + ")";
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- the processes of an embedded database ---

    /** The PostgreSQL data directory of the embedded database in {@code GUESTLIST_DATA_DIR}. */
    static Path embeddedPgData(Path guestlistDataDir) {
        return guestlistDataDir.toAbsolutePath().resolve("postgres");
    }

    /** The PID of the postmaster running on a data directory, from its {@code postmaster.pid}, if there is one. */
    static Optional<Long> postmasterPid(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    /** Every live process whose command line names the data directory (a postmaster started on it). */
    static List<ProcessHandle> processesOn(Path pgData) {
        String dir = pgData.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(line -> line.contains(dir))
                        .orElse(false))
                .toList();
    }

    /** Kills what a failed test may have left running on a data directory. */
    static void killProcessesOn(Path pgData) {
        for (ProcessHandle leftOver : processesOn(pgData)) {
            leftOver.destroyForcibly();
        }
    }
}
