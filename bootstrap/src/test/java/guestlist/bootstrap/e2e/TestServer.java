package guestlist.bootstrap.e2e;

import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.bootstrap.database.Database;
import org.springframework.context.support.GenericApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real wiring of {@link Guestlist} on a random port with an embedded PostgreSQL in a data
 * directory of its own, as {@code java -jar} would run it.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN = "e2e_admin";
    public static final String ADMIN_PASSWORD = "e2e-admin-password";

    private final Path dataDir;
    private final Map<String, String> env;
    private final Consumer<? super GenericApplicationContext> customize;
    private Guestlist guestlist;

    private TestServer(Path dataDir, Map<String, String> env, Consumer<? super GenericApplicationContext> customize) {
        this.dataDir = dataDir;
        this.env = env;
        this.customize = customize;
    }

    /** A server on a fresh data directory; {@code extra} adds or overrides environment variables. */
    public static TestServer start(Map<String, String> extra) {
        return start(extra, context -> { });
    }

    /**
     * A server on a fresh data directory whose Spring context {@code customize} may add to before
     * it starts (e.g. a {@code BeanPostProcessor} that decorates a bean of the real wiring).
     */
    public static TestServer start(Map<String, String> extra, Consumer<? super GenericApplicationContext> customize) {
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
            TestServer server = new TestServer(dataDir, env, customize);
            server.guestlist = Guestlist.start(Settings.fromEnvironment(env), customize);
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Stops the server and starts it again on the same data directory. */
    public void restart() {
        guestlist.close();
        guestlist = Guestlist.start(Settings.fromEnvironment(env), customize);
    }

    /** The port the server listens on. */
    public int port() {
        return guestlist.port();
    }

    public HttpApi api() {
        return new HttpApi(guestlist.port());
    }

    public <T> T bean(Class<T> type) {
        return guestlist.bean(type);
    }

    /**
     * Runs a {@code SELECT count(*) ...} straight on the server's database, behind the API: for
     * tests that must see rows the API no longer shows (an expired invite before the sweep).
     */
    public long count(String sql, Object... parameters) {
        return Sql.number(bean(Database.class).dataSource()::getConnection, sql, parameters);
    }

    /**
     * Runs a query straight on the server's database and answers the first column of every row as
     * text ({@code null} stays {@code null}): for tests that read what is stored, e.g.
     * {@code rows("SELECT t::text FROM local_user t")}.
     */
    public List<String> rows(String sql, Object... parameters) {
        return Sql.texts(bean(Database.class).dataSource()::getConnection, sql, parameters);
    }

    public Path dataDir() {
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
