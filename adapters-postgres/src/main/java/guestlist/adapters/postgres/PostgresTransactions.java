package guestlist.adapters.postgres;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One READ COMMITTED transaction per block, on Spring's {@link TransactionTemplate}: the block's
 * repository calls join it through the data source they share with the transaction manager.
 * Whatever the block throws rolls everything back and comes out unchanged, except failures that
 * mean the database cannot be reached or that the server ended the connection, which come out as
 * {@link Unavailable} (at any point: before the first statement, between statements, at COMMIT).
 * When the rollback itself fails because the connection is gone (the server rolls the transaction
 * back by itself), what the block threw, or the failed COMMIT, is what counts: {@link
 * PostgresTransactionManager} does not fail such a rollback, and a {@link TransactionSystemException}
 * of another manager is looked through to the block's failure.
 */
final class PostgresTransactions implements Transactions {

    /** HikariCP's message on any use of a connection it has closed ({@link #closedByThePool}). */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private final TransactionTemplate template;

    PostgresTransactions(PlatformTransactionManager manager) {
        this.template = new TransactionTemplate(manager);
        // READ COMMITTED is set once per connection by the pool (PoolSettings.open). Asking
        // for it here as well would cost a round trip per transaction: Spring reads the
        // connection's level first, which pgjdbc answers with a SHOW TRANSACTION ISOLATION LEVEL.
        template.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return unreachableAsUnavailable(() -> template.execute(status -> work.get()));
    }

    /**
     * Without a transaction of its own: each statement runs in autocommit on a connection of the
     * pool (one round trip for a single read, instead of three with BEGIN and COMMIT); inside a
     * transaction the reads join it.
     */
    @Override
    public <T> T read(Supplier<T> work) {
        return unreachableAsUnavailable(work);
    }

    private static <T> T unreachableAsUnavailable(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            RuntimeException decisive = whatTheBlockThrew(failure);
            if (isAnswer(decisive)) {
                throw decisive;
            }
            if (meansUnreachable(decisive)) {
                throw new Unavailable("the database cannot be reached", decisive);
            }
            throw decisive;
        }
    }

    /**
     * What the block threw, when a rollback that failed after it hides it (the rollback's failure
     * is kept as suppressed); else the failure itself.
     */
    private static RuntimeException whatTheBlockThrew(RuntimeException failure) {
        if (failure instanceof TransactionSystemException rollbackFailed
                && rollbackFailed.getApplicationException() instanceof RuntimeException before) {
            before.addSuppressed(rollbackFailed);
            return before;
        }
        return failure;
    }

    /** A refusal, a failed use case or an unreachable store: an answer already, passed on as it is. */
    private static boolean isAnswer(Throwable failure) {
        return failure instanceof Refusal || failure instanceof UseCaseFailure || failure instanceof Unavailable;
    }

    /**
     * Whether a failure, or anything that caused it, says the database is down, unreachable or
     * shutting down, or that the server ended the connection: no connection could be had (the pool
     * timed out, the connection was refused or broke: SQLState class 08), the server is stopping,
     * starting or ended the session (57P0x, among them 57P01 for {@code pg_terminate_backend}; 25P03
     * and 25P04, its idle-in-transaction and transaction timeouts), an answer did not come in time
     * (the driver's I/O failure, a statement timeout), or the pool had closed the connection after
     * one of these ({@link #closedByThePool}). A failed rollback counts by what the block threw
     * before it, which the rollback's failure would otherwise hide.
     */
    static boolean meansUnreachable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unreachableState(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollbackFailed
                    && rollbackFailed.getApplicationException() != null
                    && meansUnreachable(rollbackFailed.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's answer to any use of a connection it has closed: it closes a connection whose
     * statement failed as broken (SQLState 08, 57P01..57P03), and says so with this message and no
     * SQLState. Guestlist closes no connection it still uses, so here it means the connection was lost.
     */
    static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && HIKARI_CLOSED.equals(failure.getMessage());
    }

    private static boolean unreachableState(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.startsWith("57P0")
                        || sqlState.equals("25P03")
                        || sqlState.equals("25P04"));
    }
}
