package guestlist.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out the connections of a data source with a read timeout set ({@link
 * Connection#setNetworkTimeout}); HikariCP puts the pool's own value back when a connection
 * returns, so the connections Flyway or the health check take are not affected.
 */
final class AnswerTimeoutDataSource extends DelegatingDataSource {

    private final int timeoutMillis;

    AnswerTimeoutDataSource(DataSource target, Duration timeout) {
        super(target);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bounded(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bounded(super.getConnection(username, password));
    }

    private Connection bounded(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, timeoutMillis);
            return connection;
        } catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }
}
