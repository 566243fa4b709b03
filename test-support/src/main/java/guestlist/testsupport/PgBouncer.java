package guestlist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PgBouncer (Debian's package, {@value #BINARY}) in front of a {@link TestPostgres}, in
 * transaction pooling ({@code pool_mode = transaction}): each transaction of a client runs on any of
 * a few server connections, and between two transactions the client holds none. What a client sets
 * on its connection outside a transaction, or keeps on it across transactions (a session setting, a
 * session advisory lock, a prepared statement), may be met on another client's transactions or be
 * missing from its own next one.
 *
 * <p>It listens on loopback, on a free port ({@link Ports}), and serves the server's {@code
 * postgres} database under the same name; authentication is {@code trust}, as the test PostgreSQL's.
 * It runs in the foreground as a process of the test's own, its configuration and output in a
 * directory of its own; {@link #close()} stops it and deletes that directory. PgBouncer refuses to
 * run as root: under root (as in CI) it is told to switch to the user {@value #USER_WHEN_ROOT}.
 */
public final class PgBouncer implements AutoCloseable {

    /** Where Debian's package installs it ({@code apt-get install pgbouncer}). */
    public static final String BINARY = "/usr/sbin/pgbouncer";

    /** 127.0.0.1, where it listens. */
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    /** The user PgBouncer runs as when the tests run as root. */
    static final String USER_WHEN_ROOT = "nobody";

    /**
     * What the JDBC URL needs behind PgBouncer's transaction pooling (the README's "Running behind
     * PgBouncer"): no named server-side prepared statements, which live on one server connection.
     */
    public static final String URL_SETTINGS = "prepareThreshold=0";

    /**
     * The lines of {@code pgbouncer.ini} that Guestlist needs (the README's "Running behind
     * PgBouncer" shows them): transaction pooling, and the start-up parameter pgjdbc sends that
     * PgBouncer would refuse.
     */
    public static final List<String> INI_SETTINGS =
            List.of("pool_mode = transaction", "ignore_startup_parameters = extra_float_digits");

    /** How PgBouncer logs a client's log-in to the {@code postgres} database ({@code log_connections}). */
    public static final Pattern CLIENT_LOGIN = Pattern.compile("login attempt: db=postgres ");

    private final Path directory;
    private final int port;
    private final Process process;

    private PgBouncer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Whether Debian's PgBouncer is installed here. */
    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /**
     * Starts PgBouncer in front of {@code postgres}, in transaction pooling with at most {@code
     * serverConnections} connections to the server, and waits until it accepts connections.
     */
    public static PgBouncer start(TestPostgres postgres, int serverConnections) {
        if (!installed()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install pgbouncer");
        }
        Path directory = null;
        try {
            directory = Files.createTempDirectory(
                    "guestlist-pgbouncer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            int port = Ports.free();
            Path users = Files.writeString(directory.resolve("userlist.txt"), "\"" + TestPostgres.USER + "\" \"\"\n");
            Path ini = Files.writeString(
                    directory.resolve("pgbouncer.ini"), configuration(postgres, port, serverConnections, users));
            for (Path file : List.of(users, ini)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(List.of(BINARY));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", USER_WHEN_ROOT));
            }
            command.add(ini.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.log").toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(directory, port, process);
            bouncer.awaitListening(Duration.ofSeconds(30));
            return bouncer;
        } catch (IOException failed) {
            Directories.deleteRecursively(directory);
            throw new UncheckedIOException("could not start PgBouncer", failed);
        } catch (RuntimeException failed) {
            Directories.deleteRecursively(directory);
            throw failed;
        }
    }

    private static String configuration(TestPostgres postgres, int port, int serverConnections, Path users) {
        return """
                [databases]
                postgres = host=127.0.0.1 port=%1$d dbname=postgres

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %2$d
                unix_socket_dir =
                default_pool_size = %3$d
                max_client_conn = 1000
                auth_type = trust
                auth_file = %4$s
                log_disconnections = 0
                """.formatted(postgres.port(), port, serverConnections, users.toAbsolutePath())
                + String.join("\n", INI_SETTINGS) + "\n";
    }

    private void awaitListening(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer ended; its output: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), 1_000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PgBouncer does not listen on " + port + "; its output: " + log());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    public int port() {
        return port;
    }

    /** The URL of the {@code postgres} database through PgBouncer, with {@link #URL_SETTINGS}; user {@link TestPostgres#USER}. */
    public String jdbcUrl() {
        return bareJdbcUrl() + "?" + URL_SETTINGS;
    }

    /** The URL of the {@code postgres} database through PgBouncer, with pgjdbc's defaults. */
    public String bareJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** PgBouncer's output so far. */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Stops PgBouncer (SIGTERM: at once, closing every connection) and deletes its directory. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            Directories.deleteRecursively(directory);
        }
    }
}
