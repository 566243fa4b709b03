package guestlist.adapters.postgres;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
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
 * mean the database cannot be reached, which come out as {@link Unavailable}. When the
 * rollback itself fails (the database ended the connection under the block: the server rolls the
 * transaction back by itself), what the block threw is what counts.
 */
final class PostgresTransactions implements Transactions {

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
            if (isAnswer(failure)) {
                throw failure;
            }
            if (failure instanceof TransactionSystemException rollbackFailed
                    && isAnswer(rollbackFailed.getApplicationException())) {
                throw (RuntimeException) rollbackFailed.getApplicationException();
            }
            if (meansUnreachable(failure)) {
                throw new Unavailable("the database cannot be reached", failure);
            }
            throw failure;
        }
    }

    /** A refusal, a failed use case or an unreachable store: an answer already, passed on as it is. */
    private static boolean isAnswer(Throwable failure) {
        return failure instanceof Refusal || failure instanceof UseCaseFailure || failure instanceof Unavailable;
    }

    /**
     * Whether a failure, or anything that caused it, says the database is down, unreachable or
     * shutting down: no connection could be had (the pool timed out, the connection was refused or
     * broke: SQLState class 08), the server is stopping or starting (57P0x), or a statement timed out.
     * A failed rollback counts by what the block threw before it, which the rollback's failure
     * ({@code Connection is closed}, no SQLState) would otherwise hide.
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
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && unreachableState(sql.getSQLState())) {
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

    private static boolean unreachableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }
}
