package guestlist.adapters.postgres;

import guestlist.application.port.out.StorageHealth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code SELECT 1} that answers false instead of throwing. Plain JDBC rather than
 * {@code JdbcClient}, to bound the wait on the socket as well: a statement timeout alone does not
 * help against a server that stopped answering. Getting the connection is bounded by the pool's
 * connection timeout ({@link PoolSettings} sets 2 s).
 */
final class PostgresStorageHealth implements StorageHealth {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStorageHealth.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DataSource dataSource;

    PostgresStorageHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, (int) TIMEOUT.toMillis());
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) TIMEOUT.toSeconds());
                try (ResultSet result = statement.executeQuery("SELECT 1")) {
                    return result.next() && result.getInt(1) == 1;
                }
            }
        } catch (SQLException | RuntimeException unreachable) {
            LOG.debug("the database did not answer the health check", unreachable);
            return false;
        }
    }
}
