package guestlist.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements run straight on a database, behind any server: for tests that set up rows or must see
 * rows the API does not show. Each call takes a connection of its own and closes it.
 */
public final class Sql {

    /** Where the connections come from: a data source, a JDBC URL, ... */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private Sql() {}

    /** The single number a query such as {@code SELECT count(*) ...} gives. */
    public static long number(Connector database, String sql, Object... parameters) {
        return run(database, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row from " + sql);
                }
                return rows.getLong(1);
            }
        });
    }

    /** The first column of every row as text ({@code null} stays {@code null}). */
    public static List<String> texts(Connector database, String sql, Object... parameters) {
        return run(database, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<String> texts = new ArrayList<>();
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
                return texts;
            }
        });
    }

    /** Runs one statement that changes rows; returns how many. */
    public static int update(Connector database, String sql, Object... parameters) {
        return run(database, sql, parameters, PreparedStatement::executeUpdate);
    }

    private static <T> T run(Connector database, String sql, Object[] parameters, Work<T> work) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.on(statement);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not run " + sql, failed);
        }
    }
}
