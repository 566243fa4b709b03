package guestlist.adapters.postgres;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A consistent copy of Guestlist's rows, and its way back into an empty database.
 *
 * <p>A backup is one read-only REPEATABLE READ transaction: every table is copied out of the same
 * snapshot, so it holds exactly the transactions committed before its first statement, whatever
 * runs beside it, and takes no lock that a registration would wait for. It is a zip file: {@code
 * manifest.properties} first (format, schema version, tables with their columns, sequences), then
 * one entry per table in PostgreSQL's {@code COPY} text format, then {@code rows.properties} with
 * the number of rows of each table.
 *
 * <p>A restore needs a database without Guestlist's schema. It migrates it to the backup's schema
 * version, then loads every table in one transaction with triggers off ({@code
 * session_replication_role = replica}: the closure table and the counters kept by triggers are
 * copied as they were, not computed again), sets every sequence where it was, and commits only when
 * each table received the number of rows the backup wrote. Newer migrations then run when the
 * server starts, as after any upgrade.
 *
 * <p>Left out: Flyway's own history (written again by the migrations) and unlogged tables (the
 * shared rate-limit budgets, which PostgreSQL itself empties after a crash).
 */
public final class DatabaseBackup {

    /** The format this class writes and reads. */
    static final String FORMAT = "guestlist-backup-1";

    private static final String MANIFEST = "manifest.properties";
    private static final String ROWS = "rows.properties";
    private static final String TABLES = "tables/";
    private static final String HISTORY = "flyway_schema_history";

    /** What a backup holds, or what a restore loaded: the schema version and the rows of each table. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {

        public Summary {
            rows = Map.copyOf(rows);
        }

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A backup that cannot be restored here, or a database that cannot take it. */
    public static final class RefusedRestore extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RefusedRestore(String message) {
            super(message);
        }
    }

    private DatabaseBackup() {}

    /** Writes a backup of the database behind {@code source} to {@code out}, which it does not close. */
    public static Summary write(DataSource source, OutputStream out) throws SQLException, IOException {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Summary summary = write(connection, out);
                connection.commit();
                return summary;
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    private static Summary write(Connection connection, OutputStream out) throws SQLException, IOException {
        // the snapshot is taken by the first statement: every read below sees the same database
        String version = schemaVersion(connection);
        Map<String, List<String>> tables = tables(connection);
        Properties manifest = new Properties();
        manifest.setProperty("format", FORMAT);
        manifest.setProperty("schema_version", version);
        manifest.setProperty("tables", String.join(",", tables.keySet()));
        tables.forEach((table, columns) -> manifest.setProperty("columns." + table, String.join(",", columns)));
        sequences(connection).forEach(manifest::setProperty);

        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        manifest.store(zip, null);
        zip.closeEntry();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            zip.putNextEntry(new ZipEntry(TABLES + table.getKey()));
            rows.put(table.getKey(), copy.copyOut(copyOf(table.getKey(), table.getValue()) + " TO STDOUT", zip));
            zip.closeEntry();
        }
        Properties counts = new Properties();
        rows.forEach((table, n) -> counts.setProperty(table, Long.toString(n)));
        zip.putNextEntry(new ZipEntry(ROWS));
        counts.store(zip, null);
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return new Summary(version, rows);
    }

    /**
     * Restores the backup read from {@code in} into the database behind {@code target}, which must
     * not yet hold Guestlist's schema.
     *
     * @throws RefusedRestore when the database is not empty, the backup is not one of this format, or
     *     its schema version is not one this Guestlist can migrate to
     */
    public static Summary restore(DataSource target, InputStream in) throws SQLException, IOException {
        ZipInputStream zip = new ZipInputStream(new KeepOpenInput(in), StandardCharsets.UTF_8);
        Properties manifest = expectEntry(zip, MANIFEST);
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new RefusedRestore("not a Guestlist backup of format " + FORMAT);
        }
        String version = required(manifest, "schema_version");
        try (Connection connection = target.getConnection()) {
            if (hasTable(connection, HISTORY)) {
                throw new RefusedRestore("the database already holds a Guestlist schema; restore needs an empty one");
            }
        }
        try {
            Migrations.applyUpTo(target, version);
        } catch (IllegalArgumentException unknown) {
            throw new RefusedRestore("the backup is of schema version " + version
                    + ", which this Guestlist's migrations do not reach: restore it with a Guestlist at least as new");
        }
        try (Connection connection = target.getConnection()) {
            String reached = schemaVersion(connection);
            if (!reached.equals(version)) {
                throw new RefusedRestore("the backup is of schema version " + version
                        + ", this Guestlist's migrations reach " + reached);
            }
            connection.setAutoCommit(false);
            try {
                Summary summary = load(connection, manifest, zip);
                connection.commit();
                return summary;
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
    }

    private static Summary load(Connection connection, Properties manifest, ZipInputStream zip)
            throws SQLException, IOException {
        List<String> tables = Arrays.stream(required(manifest, "tables").split(","))
                .filter(name -> !name.isEmpty())
                .toList();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL session_replication_role = replica");
            // rows the migrations wrote (the site's settings) make way for the backup's
            statement.execute(
                    "TRUNCATE " + tables.stream().map(DatabaseBackup::quoted).collect(Collectors.joining(", ")));
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> loaded = new LinkedHashMap<>();
        for (String table : tables) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals(TABLES + table)) {
                throw new RefusedRestore("the backup lacks the rows of " + table);
            }
            List<String> columns =
                    List.of(required(manifest, "columns." + table).split(","));
            loaded.put(table, copy.copyIn(copyOf(table, columns) + " FROM STDIN", zip));
        }
        Properties written = expectEntry(zip, ROWS);
        for (String table : tables) {
            long expected = Long.parseLong(required(written, table));
            if (loaded.get(table) != expected) {
                throw new RefusedRestore("the backup wrote " + expected + " rows of " + table + ", " + loaded.get(table)
                        + " were read back");
            }
        }
        for (String name : manifest.stringPropertyNames()) {
            if (name.startsWith("sequence.")) {
                setSequence(connection, name.substring("sequence.".length()), manifest.getProperty(name));
            }
        }
        return new Summary(schemaVersion(connection), loaded);
    }

    private static String copyOf(String table, List<String> columns) {
        return "COPY " + quoted(table) + " ("
                + columns.stream().map(DatabaseBackup::quoted).collect(Collectors.joining(", ")) + ")";
    }

    /** The newest migration applied. */
    private static String schemaVersion(Connection connection) throws SQLException {
        if (!hasTable(connection, HISTORY)) {
            throw new RefusedRestore("no Guestlist schema in this database");
        }
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SELECT version FROM " + HISTORY
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!version.next()) {
                throw new RefusedRestore("no migration has been applied to this database");
            }
            return version.getString(1);
        }
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relname = ?")) {
            statement.setString(1, table);
            try (ResultSet found = statement.executeQuery()) {
                return found.next();
            }
        }
    }

    /** The logged tables of the schema and their stored (not generated) columns, by name. */
    private static Map<String, List<String>> tables(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, a.attname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                        + " WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relpersistence = 'p'"
                        + " AND c.relname <> ? AND a.attgenerated = ''"
                        + " ORDER BY c.relname, a.attnum");
                ResultSet rows = bind(statement, HISTORY).executeQuery()) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), table -> new ArrayList<>())
                        .add(rows.getString(2));
            }
        }
        return tables;
    }

    /**
     * Where each sequence of the schema stands, as {@code sequence.<name>} = {@code <value>} (the
     * value {@code nextval} gave last) or {@code <value>:fresh} (never used: its start).
     */
    private static Map<String, String> sequences(Connection connection) throws SQLException {
        Map<String, String> sequences = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sequencename, coalesce(last_value, start_value), last_value IS NULL FROM pg_sequences"
                                + " WHERE schemaname = current_schema() ORDER BY sequencename")) {
            while (rows.next()) {
                sequences.put("sequence." + rows.getString(1), rows.getLong(2) + (rows.getBoolean(3) ? ":fresh" : ""));
            }
        }
        return sequences;
    }

    private static void setSequence(Connection connection, String sequence, String value) throws SQLException {
        boolean fresh = value.endsWith(":fresh");
        long number = Long.parseLong(fresh ? value.substring(0, value.length() - ":fresh".length()) : value);
        try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            statement.setString(1, quoted(sequence));
            statement.setLong(2, number);
            statement.setBoolean(3, !fresh);
            statement.execute();
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, String value) throws SQLException {
        statement.setString(1, value);
        return statement;
    }

    private static Properties expectEntry(ZipInputStream zip, String name) throws IOException {
        ZipEntry entry = zip.getNextEntry();
        if (entry == null || !entry.getName().equals(name)) {
            throw new RefusedRestore("not a Guestlist backup: " + name + " missing where expected");
        }
        Properties properties = new Properties();
        properties.load(zip);
        return properties;
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new RefusedRestore("not a Guestlist backup: " + name + " missing");
        }
        return value;
    }

    /** An identifier quoted for SQL: names come from the catalog or the backup, never trusted as SQL. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The caller's stream stays open when the zip is finished. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class KeepOpenInput extends FilterInputStream {

        KeepOpenInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes its stream
        }
    }
}
