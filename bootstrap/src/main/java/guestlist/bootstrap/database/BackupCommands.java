package guestlist.bootstrap.database;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.adapters.postgres.DatabaseBackup;
import guestlist.adapters.postgres.PoolSettings;
import guestlist.bootstrap.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar guestlist.jar backup FILE} and {@code restore FILE}, configured by the same
 * environment as the server.
 *
 * <p>{@code backup} copies the database the server uses: the configured one, or the embedded one in
 * {@code GUESTLIST_DATA_DIR} — through the port of the PostgreSQL a running server keeps there, or,
 * when no server runs, by starting it for the backup. The server goes on serving meanwhile: the
 * backup is one read-only snapshot. {@code restore} loads a backup into a data directory that holds
 * no database yet (or into a configured database without Guestlist's schema); the server is then
 * started on it as usual.
 *
 * <p>Each command ends with one line, and exits 0 when it did its work, 1 when it failed, 2 when it
 * was called wrongly.
 */
public final class BackupCommands {

    /** The first arguments this class takes. */
    public static final List<String> NAMES = List.of("backup", "restore");

    private BackupCommands() {}

    /** Runs {@code args} (a command name and a file); returns the exit code. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out) {
        if (args.size() != 2 || !NAMES.contains(args.get(0))) {
            out.println("usage: java -jar guestlist.jar backup FILE | restore FILE");
            return 2;
        }
        String command = args.get(0);
        Path file = Path.of(args.get(1));
        Settings settings;
        try {
            settings = Settings.fromEnvironment(environment);
        } catch (IllegalArgumentException badSetting) {
            out.println(command + " failed: " + badSetting.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        try {
            DatabaseBackup.Summary summary =
                    command.equals("backup") ? backup(settings, file) : restore(settings, file);
            out.printf(
                    Locale.ROOT,
                    "%s: %s %s, schema version %s, %d tables, %d rows, in %.1f s%n",
                    command,
                    command.equals("backup") ? "written to" : "loaded from",
                    file,
                    summary.schemaVersion(),
                    summary.rows().size(),
                    summary.totalRows(),
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (DatabaseBackup.RefusedRestore | Refused refused) {
            out.println(command + " failed: " + refused.getMessage());
            return 1;
        } catch (IOException | SQLException | RuntimeException failed) {
            out.println(command + " failed: " + failed);
            return 1;
        }
    }

    private static DatabaseBackup.Summary backup(Settings settings, Path file) throws IOException, SQLException {
        if (Files.exists(file)) {
            throw new Refused(file + " exists; name a new file");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        EmbeddedDatabase started = null;
        try {
            String url;
            String user;
            if (settings.databaseUrl().isPresent()) {
                url = settings.databaseUrl().get();
                user = settings.databaseUser().orElse(null);
            } else if (!EmbeddedDatabase.holdsDatabase(settings.dataDir())) {
                throw new Refused("no database in " + settings.dataDir() + " (GUESTLIST_DATA_DIR)");
            } else {
                Optional<String> running = EmbeddedDatabase.runningJdbcUrl(settings.dataDir());
                if (running.isPresent()) {
                    url = running.get();
                } else {
                    started = EmbeddedDatabase.start(settings.dataDir());
                    url = started.jdbcUrl();
                }
                user = EmbeddedDatabase.USER;
            }
            DatabaseBackup.Summary summary;
            try (HikariDataSource source = pool(url, user, settings);
                    OutputStream out = Files.newOutputStream(partial)) {
                summary = DatabaseBackup.write(source, out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } finally {
            Files.deleteIfExists(partial);
            if (started != null) {
                started.close();
            }
        }
    }

    private static DatabaseBackup.Summary restore(Settings settings, Path file) throws IOException, SQLException {
        if (!Files.isRegularFile(file)) {
            throw new Refused("no file " + file);
        }
        if (settings.databaseUrl().isPresent()) {
            try (HikariDataSource target = pool(
                            settings.databaseUrl().get(),
                            settings.databaseUser().orElse(null),
                            settings);
                    InputStream in = Files.newInputStream(file)) {
                return DatabaseBackup.restore(target, in);
            }
        }
        if (EmbeddedDatabase.holdsDatabase(settings.dataDir())) {
            throw new Refused(
                    settings.dataDir() + " already holds a database; restore into a fresh GUESTLIST_DATA_DIR");
        }
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.dataDir());
                HikariDataSource target = pool(embedded.jdbcUrl(), embedded.user(), settings);
                InputStream in = Files.newInputStream(file)) {
            return DatabaseBackup.restore(target, in);
        }
    }

    /** Flyway, migrating a restore's database, holds two connections at once. */
    private static HikariDataSource pool(String url, String user, Settings settings) {
        return new PoolSettings(url, user, settings.databasePassword().orElse(null), 2, Duration.ofSeconds(30)).open();
    }

    /** A command that cannot do what it was asked, said in one line. */
    private static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
