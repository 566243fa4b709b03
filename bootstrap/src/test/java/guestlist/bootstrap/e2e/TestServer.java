package guestlist.bootstrap.e2e;

import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.bootstrap.database.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real wiring of {@link Guestlist} on a random port with an embedded PostgreSQL in a data
 * directory of its own, as {@code java -jar} would run it.
 */
final class TestServer implements AutoCloseable {

    static final String ADMIN = "e2e_admin";
    static final String ADMIN_PASSWORD = "e2e-admin-password";

    private final Path dataDir;
    private final Map<String, String> env;
    private Guestlist guestlist;

    private TestServer(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    /** A server on a fresh data directory; {@code extra} adds or overrides environment variables. */
    static TestServer start(Map<String, String> extra) {
        try {
            Path dataDir = Files.createTempDirectory("guestlist-e2e-");
            Map<String, String> env = new HashMap<>();
            env.put("GUESTLIST_PORT", "0");
            env.put("GUESTLIST_DATA_DIR", dataDir.toString());
            env.put("GUESTLIST_ADMIN_USERNAME", ADMIN);
            env.put("GUESTLIST_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("GUESTLIST_PUBLIC_URL", "https://guestlist.example");
            env.put("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0");
            env.put("GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "0");
            env.putAll(extra);
            TestServer server = new TestServer(dataDir, env);
            server.guestlist = Guestlist.start(Settings.fromEnvironment(env));
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    static TestServer start() {
        return start(Map.of());
    }

    /** Stops the server and starts it again on the same data directory. */
    void restart() {
        guestlist.close();
        guestlist = Guestlist.start(Settings.fromEnvironment(env));
    }

    HttpApi api() {
        return new HttpApi(guestlist.port());
    }

    <T> T bean(Class<T> type) {
        return guestlist.bean(type);
    }

    /**
     * Runs a {@code SELECT count(*) ...} straight on the server's database, behind the API: for
     * tests that must see rows the API no longer shows (an expired invite before the sweep).
     */
    long count(String sql, Object... parameters) {
        try (Connection connection = bean(Database.class).dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row from " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not run " + sql, failed);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            guestlist.close();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
