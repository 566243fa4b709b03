package guestlist.bootstrap.faults;

import guestlist.bootstrap.e2e.Sql;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;

/**
 * A PostgreSQL server that a test owns and controls, as an operator's database would be: its own
 * data directory and a fixed port, so it can be stopped under a running Guestlist and started
 * again where it was, with its data. Runs in the test's JVM (zonky's binaries), never in the
 * server's.
 */
public final class ExternalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path root;
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres running;
    private boolean frozen;

    private ExternalPostgres(Path root, Path dataDir, int port) {
        this.root = root;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A new database in a fresh temporary directory on a free port, started. */
    public static ExternalPostgres start() {
        try {
            Path root = Files.createTempDirectory("guestlist-pg-");
            ExternalPostgres postgres = new ExternalPostgres(root, root.resolve("pgdata"), freePort());
            postgres.startAgain();
            return postgres;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * A server started on an existing data directory that no server runs on (such as the one an
     * embedded database left behind), to look at its rows. {@link #close()} keeps its files.
     */
    public static ExternalPostgres onDataDirectory(Path pgData) {
        ExternalPostgres postgres = new ExternalPostgres(null, pgData, freePort());
        postgres.startAgain();
        return postgres;
    }

    /** Starts the server again on the same data directory and port (after {@link #stop()}). */
    public synchronized void startAgain() {
        if (running != null) {
            throw new IllegalStateException("already running");
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException failed) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port, failed);
        }
    }

    /** Stops the server the way an operator's {@code pg_ctl stop -m fast} does: open sessions are ended. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        if (frozen) {
            thaw(); // a frozen server cannot stop
        }
        try {
            running.close();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } finally {
            running = null;
        }
    }

    /**
     * Freezes the server (SIGSTOP to the postmaster and every process it runs): connections stay
     * open and new ones are accepted by the kernel, but nothing answers, as with a database host
     * that hangs or a network that drops packets. {@link #thaw()} lets it go on where it was.
     */
    public synchronized void freeze() {
        frozen = true;
        signalAll("-STOP");
    }

    public synchronized void thaw() {
        signalAll("-CONT");
        frozen = false;
    }

    /** The postmaster first (so that it starts no process unsignalled), then its children. */
    private void signalAll(String signal) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        if (!kill(signal, postmaster)) {
            throw new IllegalStateException("could not signal the postmaster " + postmaster);
        }
        ProcessHandle.of(postmaster).orElseThrow().children()
                .forEach(child -> kill(signal, child.pid())); // a child may have ended meanwhile
    }

    private static boolean kill(String signal, long pid) {
        try {
            return new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor() == 0;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public int port() {
        return port;
    }

    /** The URL a Guestlist process is given in {@code GUESTLIST_DATABASE_URL}. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The URL of another database on this server (made with {@code CREATE DATABASE}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A connection straight to the database, behind any server: for setting up and inspecting rows. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** The single number a query such as {@code SELECT count(*) ...} gives. */
    public long number(String sql, Object... parameters) {
        return Sql.number(this::connect, sql, parameters);
    }

    /** Runs one statement that changes rows; returns how many. */
    public int update(String sql, Object... parameters) {
        return Sql.update(this::connect, sql, parameters);
    }

    /** Stops the server and deletes its files (unless it was started on a data directory of someone else's). */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteRecursively(root);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
