package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * When the database ends a connection under a transaction (a fast shutdown answers the statement
 * with 57P01 and the pool closes the connection), the rollback that follows fails too, with
 * "Connection is closed" and no SQLState, and Spring throws that failure instead of the block's.
 * What the block threw must still decide the answer: {@link Unavailable} for a database
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
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        }
    }

    private final PostgresTransactions transactions = new PostgresTransactions(new RollbackFails());

    @Test
    void aConnectionEndedByTheServerIsServiceUnavailableEvenWhenTheRollbackFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new org.springframework.dao.DataAccessResourceFailureException(
                    "statement failed",
                    new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        }));

        assertThat(thrown).isInstanceOf(Unavailable.class);
    }

    @Test
    void aPlainSqlStateIsEnoughToo() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new org.springframework.jdbc.UncategorizedSQLException(
                    "select", "SELECT 1", new SQLException("terminating connection", "57P01"));
        }));

        assertThat(thrown).isInstanceOf(Unavailable.class);
    }

    @Test
    void aRefusalStaysTheAnswerWhenTheRollbackAfterItFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new Refusal(Rule.INVITE_NOT_USABLE, "used up");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
    }

    @Test
    void aFailedUseCaseStaysTheAnswerWhenTheRollbackAfterItFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new UseCaseFailure(UseCaseFailure.Reason.USERNAME_TAKEN, "that user name is taken");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        UseCaseFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(UseCaseFailure.Reason.USERNAME_TAKEN));
    }

    @Test
    void aBugIsStillABugWhenTheRollbackAfterItFails() {
        Throwable thrown = catchThrowable(() -> transactions.inTransaction(() -> {
            throw new IllegalStateException("a bug");
        }));

        assertThat(thrown).isNotInstanceOf(Unavailable.class);
        assertThat(PostgresTransactions.meansUnreachable(thrown)).isFalse();
    }
}
