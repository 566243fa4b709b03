package guestlist.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The one way tests start a PostgreSQL: a real server from zonky's binaries, running in the test's
 * JVM (never in a server's), with its data directory and port of its own, never a mock or H2.
 *
 * <ul>
 * <li>{@link #shared()}: the one server of a test JVM, started on first use and stopped, its files
 *     deleted, when the JVM exits. Tests use its {@code postgres} database, or take a fresh one of
 *     their own with {@link #newDatabase}; they never stop it.</li>
 * <li>{@link #start()}: a server a test owns and controls, as an operator's database would be: it
 *     can be stopped under a running Guestlist and started again where it was, with its data, or
 *     frozen; {@link #close()} stops it and deletes its files.</li>
 * </ul>
 */
public final class TestPostgres implements AutoCloseable {

    /** The server's superuser; it trusts local connections, so any password (or none) will do. */
    public static final String USER = "postgres";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private final Path root;
    private final Path dataDir;
    private final int port;
    private final boolean shared;
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres running;
    private boolean frozen;

    private TestPostgres(Path root, Path dataDir, int port, boolean shared) {
        this.root = root;
        this.dataDir = dataDir;
        this.port = port;
        this.shared = shared;
    }

    private static final class Shared {
        static final TestPostgres INSTANCE = startShared();

        private static TestPostgres startShared() {
            TestPostgres postgres = inTemporaryDirectory(true);
            postgres.startAgain();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.stop();
                                } catch (RuntimeException notStopped) {
                                    System.err.println("the test PostgreSQL did not stop cleanly: " + notStopped);
                                } finally {
                                    Directories.deleteRecursively(postgres.root);
                                }
                            },
                            "test-postgres-stop"));
            return postgres;
        }
    }

    /** The one server of this test JVM, started on first use; it lives as long as the JVM. */
    public static TestPostgres shared() {
        return Shared.INSTANCE;
    }

    /** A new server of the test's own, in a fresh temporary directory on a free port, started. */
    public static TestPostgres start() {
        TestPostgres postgres = notStarted();
        postgres.startAgain();
        return postgres;
    }

    /**
     * A server of the test's own whose directory and port are chosen but which is not started yet:
     * for a client made while its database is down. {@link #startAgain()} starts it.
     */
    public static TestPostgres notStarted() {
        return inTemporaryDirectory(false);
    }

    /**
     * A server started on an existing data directory that no server runs on (such as the one an
     * embedded database left behind), to look at its rows. {@link #close()} keeps its files.
     */
    public static TestPostgres onDataDirectory(Path pgData) {
        TestPostgres postgres = new TestPostgres(null, pgData, Ports.free(), false);
        postgres.startAgain();
        return postgres;
    }

    private static TestPostgres inTemporaryDirectory(boolean shared) {
        try {
            Path root = Files.createTempDirectory("guestlist-pg-");
            return new TestPostgres(root, root.resolve("pgdata"), Ports.free(), shared);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Starts the server on its data directory and port: the first time, or again after {@link #stop()}. */
    public synchronized void startAgain() {
        if (running != null) {
            throw new IllegalStateException("already running");
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(!shared)
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
            postmaster = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        if (!kill(signal, postmaster)) {
            throw new IllegalStateException("could not signal the postmaster " + postmaster);
        }
        ProcessHandle.of(postmaster)
                .orElseThrow()
                .children()
                .forEach(child -> kill(signal, child.pid())); // a child may have ended meanwhile
    }

    private static boolean kill(String signal, long pid) {
        try {
            return new ProcessBuilder("kill", signal, Long.toString(pid))
                            .inheritIO()
                            .start()
                            .waitFor()
                    == 0;
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

    /** The URL of the server's {@code postgres} database, e.g. for {@code GUESTLIST_DATABASE_URL}; user {@link #USER}. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The URL of another database on this server (made with {@link #newDatabase} or {@code CREATE DATABASE}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * Creates an empty database that no other test uses, named {@code prefix} and a number; returns
     * its name, for {@link #jdbcUrl(String)}.
     */
    public String newDatabase(String prefix) {
        String name = prefix + "_" + databases.incrementAndGet();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        update("CREATE DATABASE " + name);
        return name;
    }

    /** A connection straight to the {@code postgres} database, behind any server: for setting up and inspecting rows. */
    public Connection connect() throws SQLException {
        return connect("postgres");
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** The single number a query such as {@code SELECT count(*) ...} gives. */
    public long number(String sql, Object... parameters) {
        return Sql.number(this::connect, sql, parameters);
    }

    /** Runs one statement that changes rows; returns how many. */
    public int update(String sql, Object... parameters) {
        return Sql.update(this::connect, sql, parameters);
    }

    /**
     * Stops the server and deletes its files (unless it was started on a data directory of someone
     * else's). Not for the {@linkplain #shared() shared} server, which lives as long as the JVM.
     */
    @Override
    public void close() {
        if (shared) {
            throw new UnsupportedOperationException("the shared test PostgreSQL lives as long as the JVM");
        }
        try {
            stop();
        } finally {
            Directories.deleteRecursively(root);
        }
    }
}
