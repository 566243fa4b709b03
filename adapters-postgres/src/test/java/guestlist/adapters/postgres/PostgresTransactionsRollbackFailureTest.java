package guestlist.adapters.postgres;

import guestlist.domain.ErrorCode;
import guestlist.domain.GuestlistException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * When the database ends a connection under a transaction (a fast shutdown answers the statement
 * with 57P01 and the pool closes the connection), the rollback that follows fails too, with
 * "Connection is closed" and no SQLState, and Spring throws that failure instead of the block's.
 * What the block threw must still decide the answer: {@code service_unavailable} for a database
 * that went away, the refusal for a refusal. (Seen as a 500 under a database stopped mid-request.)
 */
class PostgresTransactionsRollbackFailureTest {

    /** A transaction manager whose rollback fails the way a closed pooled connection's does. */
    private static final class RollbackFails extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        }
    }

    private final PostgresTransactions transactions = new PostgresTransactions(new RollbackFails());

    @Test
    void aConnectionEndedByTheServerIsServiceUnavailableEvenWhenTheRollbackFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new org.springframework.dao.DataAccessResourceFailureException("statement failed",
                    new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        }));

        assertThat(thrown).isInstanceOfSatisfying(GuestlistException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aPlainSqlStateIsEnoughToo() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new org.springframework.jdbc.UncategorizedSQLException("select", "SELECT 1",
                    new SQLException("terminating connection", "57P01"));
        }));

        assertThat(thrown).isInstanceOfSatisfying(GuestlistException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aRefusalStaysTheAnswerWhenTheRollbackAfterItFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new GuestlistException(ErrorCode.INVALID_INVITE_TOKEN, "used up");
        }));

        assertThat(thrown).isInstanceOfSatisfying(GuestlistException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_INVITE_TOKEN));
    }

    @Test
    void aBugIsStillABugWhenTheRollbackAfterItFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new IllegalStateException("a bug");
        }));

        assertThat(thrown).isNotInstanceOf(GuestlistException.class);
        assertThat(PostgresTransactions.meansUnreachable(thrown)).isFalse();
    }
}
