package guestlist.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's {@link JdbcTransactionManager}, except that the rollback of a transaction whose
 * connection is gone does not fail: when the server ended the connection (terminated backend,
 * shutdown, a broken network, an answer that never came), the pool has closed it, and a transaction
 * that ends without COMMIT commits nothing, so there is nothing left to roll back.
 *
 * <p>Without this, the rollback's own failure ({@code Connection is closed}, with no SQLState, or the
 * server's 57P01 read at ROLLBACK) replaces what happened before it: after a failed COMMIT Spring
 * throws the rollback's failure instead of the commit's (a 500 where the commit's failure said the
 * database was gone), and after a refusal thrown by the block, the rollback's failure instead of
 * the refusal (a 503 where the answer was a 409 or 403). Now the failure before the rollback is
 * what comes out.
 *
 * <p>A rollback that fails on a connection that is still open is a failure as before: that
 * connection may still hold the transaction, and it must not be quietly handed to the next caller.
 */
final class PostgresTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTransactionManager.class);

    PostgresTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        Connection connection = connection(status);
        if (closed(connection)) {
            LOG.debug("no rollback on a connection that is gone: the server ended its transaction with it");
            return;
        }
        try {
            super.doRollback(status);
        } catch (RuntimeException failed) {
            if (!closed(connection)) {
                throw failed;
            }
            LOG.debug("the rollback found the connection gone: the server ended its transaction with it", failed);
        }
    }

    private static Connection connection(DefaultTransactionStatus status) {
        return ((JdbcTransactionObjectSupport) status.getTransaction())
                .getConnectionHolder()
                .getConnection();
    }

    /** Closed by the pool (which closes a connection that failed as broken) or by the driver. */
    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException unknown) {
            return false;
        }
    }
}
