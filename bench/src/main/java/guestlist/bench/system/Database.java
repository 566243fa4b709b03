package guestlist.bench.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's own PostgreSQL (the zonky PostgreSQL binaries, durable like a production
 * database, with pg_stat_statements) in the run's work directory, and one JDBC connection to it
 * for seeding and for looking. Closing it stops PostgreSQL and deletes its data.
 */
public final class Database implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String NAME = "postgres";

    private final EmbeddedPostgres postgres;
    private final Connection sql;
    private final Path data;
    private final int port;

    private Database(EmbeddedPostgres postgres, Connection sql, Path data, int port) {
        this.postgres = postgres;
        this.sql = sql;
        this.data = data;
        this.port = port;
    }

    public static Database start(Path work) throws Exception {
        long started = System.nanoTime();
        Path data = work.resolve("postgres");
        Files.createDirectories(data);
        int port = Machine.freePort();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // durable like a production database (zonky tunes for throwaway test databases)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .start();
        Connection sql;
        try {
            sql = DriverManager.getConnection(jdbcUrl(port), USER, null);
        } catch (SQLException failed) {
            postgres.close();
            throw failed;
        }
        Database database = new Database(postgres, sql, data, port);
        try {
            database.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            Log.line(
                    "PostgreSQL %s on port %d (zonky embedded binaries, fsync on) in %.1f s",
                    database.queryText("SHOW server_version"), port, (System.nanoTime() - started) / 1e9);
        } catch (SQLException failed) {
            database.close();
            throw failed;
        }
        return database;
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public int port() {
        return port;
    }

    public void execute(String statement) throws SQLException {
        try (Statement s = sql.createStatement()) {
            s.execute(statement);
        }
    }

    /** Runs {@code statement} with its {@code ?} bound to {@code parameters}, in order. */
    public void update(String statement, Object... parameters) throws SQLException {
        try (PreparedStatement s = sql.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    public long queryLong(String query) throws SQLException {
        try (Statement s = sql.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String queryText(String query) throws SQLException {
        try (Statement s = sql.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public List<String> queryStrings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = sql.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The statements pg_stat_statements has seen that contain {@code word}, whitespace folded. */
    public List<String> statementsWith(String word) throws SQLException {
        return queryStrings("SELECT regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                + " WHERE query ~* '\\m" + word + "\\M' AND query NOT LIKE '%pg_stat_statements%'");
    }

    @Override
    public void close() {
        try {
            sql.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            postgres.close();
        } catch (IOException failed) {
            Log.line("could not stop PostgreSQL: %s", failed);
        }
        deleteTree(data);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
