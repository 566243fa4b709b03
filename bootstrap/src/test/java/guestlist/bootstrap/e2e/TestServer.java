package guestlist.bootstrap.e2e;

import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.bootstrap.database.Database;
import guestlist.testsupport.Credentials;
import guestlist.testsupport.Directories;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.Sql;
import guestlist.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The real wiring of {@link Guestlist} on a random port, as {@code java -jar} would run it: on a
 * fresh database of its own on the test JVM's {@linkplain TestPostgres#shared() test PostgreSQL},
 * or ({@link #startEmbedded()}) on the embedded PostgreSQL it starts in a data directory of its own.
 * Its first admin is {@link Credentials#ADMIN_NAME}; the rate limits are off, and so is the
 * management port unless the test sets {@code GUESTLIST_MANAGEMENT_PORT}.
 */
public final class TestServer implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> env;
    private final Consumer<? super GenericApplicationContext> customize;
    private Guestlist guestlist;

    private TestServer(Path dataDir, Map<String, String> env, Consumer<? super GenericApplicationContext> customize) {
        this.dataDir = dataDir;
        this.env = env;
        this.customize = customize;
    }

    /** A server on a fresh database; {@code extra} adds or overrides environment variables. */
    public static TestServer start(Map<String, String> extra) {
        return start(extra, context -> {});
    }

    /**
     * A server on a fresh database whose Spring context {@code customize} may add to before it
     * starts (e.g. a {@code BeanPostProcessor} that decorates a bean of the real wiring).
     */
    public static TestServer start(Map<String, String> extra, Consumer<? super GenericApplicationContext> customize) {
        TestPostgres postgres = TestPostgres.shared();
        Map<String, String> database = new HashMap<>();
        database.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl(postgres.newDatabase("e2e")));
        database.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
        database.putAll(extra);
        return launch(database, customize);
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /**
     * A server without a database URL: it starts the embedded PostgreSQL in a fresh data directory,
     * which {@link #restart()} keeps and {@link #close()} deletes.
     */
    public static TestServer startEmbedded() {
        return launch(Map.of(), context -> {});
    }

    private static TestServer launch(Map<String, String> extra, Consumer<? super GenericApplicationContext> customize) {
        try {
            Path dataDir = Files.createTempDirectory("guestlist-e2e-");
            Map<String, String> env = new HashMap<>();
            env.put("GUESTLIST_PORT", "0");
            env.put("GUESTLIST_MANAGEMENT_PORT", "0");
            env.put("GUESTLIST_DATA_DIR", dataDir.toString());
            env.put("GUESTLIST_ADMIN_USERNAME", Credentials.ADMIN_NAME);
            env.put("GUESTLIST_ADMIN_PASSWORD", Credentials.ADMIN_PASSWORD);
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

    /** Stops the server and starts it again on the same database (or data directory). */
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
            Directories.deleteRecursively(dataDir);
        }
    }
}
