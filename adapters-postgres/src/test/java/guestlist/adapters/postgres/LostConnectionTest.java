package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import guestlist.testsupport.Backends;
import guestlist.testsupport.Sql;
import guestlist.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The server ends a connection under a transaction ({@code pg_terminate_backend} from a connection
 * of the test's own, as an operator, a failover or a pooler restart does): before its first
 * statement, between two statements, while it waits for a lock, during its COMMIT, or because it sat
 * idle in the transaction too long. Each way is {@link Unavailable} ({@code 503 service_unavailable})
 * and commits nothing, never a 500; a refusal thrown in a transaction whose connection the server
 * ended is still that refusal, never {@link Unavailable} by accident.
 *
 * <p>On a database of its own on the test PostgreSQL, with a real HikariCP pool ({@link
 * PoolSettings}), the real Spring transactions and the real use cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostConnectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestPostgres server = TestPostgres.shared();
    private String database;
    private HikariDataSource pool;
    private Backends backends;
    /** Armed: the next connection the pool hands out has been ended by the server already. */
    private final AtomicBoolean endNextConnection = new AtomicBoolean();

    private PostgresPersistence persistence;
    private Services services;
    private LocalUser creator;

    @BeforeAll
    void openADatabaseOfItsOwn() {
        database = server.newDatabase("lost_connection");
        pool = new PoolSettings(server.jdbcUrl(database), TestPostgres.USER, null, 4).open();
        Migrations.apply(pool);
        backends = new Backends(() -> server.connect(database));
        backends.holdCommitsOfAccountsNamed("held_");
        persistence = new PostgresPersistence(new EndedWhenArmed(pool, endNextConnection));
        services = new Services(persistence);
    }

    @AfterAll
    void closePool() {
        pool.close();
    }

    @BeforeEach
    void freshRows() {
        endNextConnection.set(false);
        TestDatabase.reset(pool);
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.empty(),
                                        Optional.of(RegistrationMode.REQUIRE_INVITATION),
                                        Optional.empty(),
                                        Optional.empty()))));
        creator = addUser("creator");
    }

    private LocalUser addUser(String name) {
        return persistence
                .transactions()
                .inTransaction(() -> persistence
                        .users()
                        .add(
                                new NewUser(
                                        new Username(name),
                                        Optional.empty(),
                                        false,
                                        true,
                                        Optional.empty(),
                                        Instant.now()),
                                "hash"));
    }

    // --- the ways a connection is lost ---

    @Test
    void aConnectionTheServerEndedBeforeTheFirstStatementIsUnavailableAndWritesNothing() {
        Invite invite = services.createInvite(creator, Optional.of(3));
        endNextConnection.set(true);

        Throwable thrown = catchThrowable(() -> services.registerWithInvite("first_statement", invite));

        assertUnavailable(thrown);
        assertThat(endNextConnection)
                .as("the pool handed out the ended connection")
                .isFalse();
        assertNothingWritten("first_statement", invite);
        assertThat(services.registerWithInvite("first_statement", invite).sessionToken())
                .as("the pool's next connection works")
                .isPresent();
    }

    @Test
    void aConnectionTheServerEndsBetweenTwoStatementsIsUnavailableAndWritesNothing() {
        Throwable thrown = catchThrowable(() -> persistence.transactions().inTransaction(() -> {
            LocalUser first = persistence
                    .users()
                    .add(
                            new NewUser(
                                    new Username("between_a"),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.empty(),
                                    Instant.now()),
                            "hash");
            backends.terminate(backendOfThisTransaction());
            return persistence
                    .users()
                    .add(
                            new NewUser(
                                    new Username("between_b"),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.of(first.id()),
                                    Instant.now()),
                            "hash");
        }));

        assertUnavailable(thrown);
        assertThat(count("SELECT count(*) FROM local_user WHERE name LIKE 'between\\_%'"))
                .isZero();
    }

    @Test
    void aRegistrationWhoseConnectionIsEndedWhileItWaitsForALockIsUnavailableAndWritesNothing() throws Exception {
        Invite invite = services.createInvite(creator, Optional.of(3));
        CompletableFuture<Throwable> registration;
        try (Connection holder = server.connect(database)) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT 1 FROM local_user_invite WHERE id = "
                        + invite.id().value() + " FOR UPDATE");
            }
            registration = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> services.registerWithInvite("lock_waiter", invite)));
            int waiting = backends.await(Backends.WAITING_FOR_A_LOCK, PATIENCE);

            backends.terminate(waiting);

            assertUnavailable(registration.get(30, TimeUnit.SECONDS));
            holder.rollback();
        }
        assertNothingWritten("lock_waiter", invite);
    }

    @Test
    void aRegistrationWhoseConnectionIsEndedDuringItsCommitIsUnavailableAndCommitsNothing() throws Exception {
        Invite invite = services.createInvite(creator, Optional.of(3));
        try (Backends.CommitHold held = backends.holdCommits()) {
            CompletableFuture<Throwable> registration = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> services.registerWithInvite("held_commit", invite)));
            int committing = backends.await(Backends.COMMIT_HELD, PATIENCE);

            backends.terminate(committing);

            assertUnavailable(registration.get(30, TimeUnit.SECONDS));
        }
        assertNothingWritten("held_commit", invite);
        assertThat(count("SELECT count(*) FROM invite_signup")).isZero();
        assertThat(count("SELECT count(*) FROM login_token")).as("no session").isZero();
    }

    /**
     * The defect DatabaseOutageTest met now and then: a COMMIT whose answer does not come within
     * the adapter's answer timeout fails with an I/O error, the pool closes the connection, the
     * rollback after the failed commit fails with "Connection is closed" (no SQLState), and Spring
     * throws that instead of the commit's failure: a 500. It is {@link Unavailable}. Whether such a
     * COMMIT took effect is not known to the client (it was sent; its answer never came): here the
     * server carries it out once the test lets it go on.
     */
    @Test
    void aCommitWhoseAnswerDoesNotComeInTimeIsUnavailableAndItsOutcomeIsInDoubt() throws Exception {
        PostgresPersistence impatient = new PostgresPersistence(pool, Duration.ofSeconds(1));
        Services impatientServices = new Services(impatient);
        Invite invite = services.createInvite(creator, Optional.of(3));
        try (Backends.CommitHold held = backends.holdCommits()) {
            long started = System.nanoTime();

            Throwable thrown = catchThrowable(() -> impatientServices.registerWithInvite("held_timeout", invite));

            assertUnavailable(thrown);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        awaitCount(
                "the COMMIT was sent; the server carries it out after the client gave up",
                "SELECT count(*) FROM local_user WHERE name = 'held_timeout'",
                1);
        assertThat(count("SELECT uses_count FROM local_user_invite WHERE id = "
                        + invite.id().value()))
                .as("all of it or nothing: the use with the account")
                .isEqualTo(1);
    }

    @Test
    void aConnectionTheServerEndsForSittingIdleInTheTransactionIsUnavailableAndWritesNothing() {
        Throwable thrown = catchThrowable(() -> persistence.transactions().inTransaction(() -> {
            onThisTransaction("SET LOCAL idle_in_transaction_session_timeout = 100");
            persistence
                    .users()
                    .add(
                            new NewUser(
                                    new Username("idle_a"),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.empty(),
                                    Instant.now()),
                            "hash");
            sleep(Duration.ofMillis(600));
            return persistence.users().nameTaken(new Username("idle_b"));
        }));

        assertUnavailable(thrown);
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'idle_a'"))
                .isZero();
    }

    // --- refusals keep their code ---

    @Test
    void aRefusalThrownAfterTheServerEndedTheConnectionKeepsItsCode() {
        Throwable thrown = catchThrowable(() -> persistence.transactions().inTransaction(() -> {
            persistence
                    .users()
                    .add(
                            new NewUser(
                                    new Username("refused_a"),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.empty(),
                                    Instant.now()),
                            "hash");
            backends.terminate(backendOfThisTransaction());
            // the block does not know; its rollback finds the connection ended
            throw new UseCaseFailure(UseCaseFailure.Reason.USERNAME_TAKEN, "that user name is taken");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        UseCaseFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(UseCaseFailure.Reason.USERNAME_TAKEN));
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'refused_a'"))
                .isZero();
    }

    @Test
    void aRefusalThrownBeforeTheServerEndsTheConnectionKeepsItsCode() {
        Throwable thrown = catchThrowable(() -> persistence.transactions().inTransaction(() -> {
            persistence
                    .users()
                    .add(
                            new NewUser(
                                    new Username("refused_c"),
                                    Optional.empty(),
                                    false,
                                    true,
                                    Optional.empty(),
                                    Instant.now()),
                            "hash");
            int backend = backendOfThisTransaction();
            // the connection ends after the refusal was thrown, just before its ROLLBACK is sent
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCompletion() {
                    backends.terminate(backend);
                }
            });
            throw new Refusal(Rule.INVITE_SIGNUPS_PAUSED, "sign-ups through invites are paused for today");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_SIGNUPS_PAUSED));
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'refused_c'"))
                .isZero();
    }

    @Test
    void aRefusalThrownAfterAStatementFoundTheConnectionEndedKeepsItsCode() {
        Throwable thrown = catchThrowable(() -> persistence.transactions().inTransaction(() -> {
            backends.terminate(backendOfThisTransaction());
            Throwable failed = catchThrowable(() -> persistence.users().nameTaken(new Username("refused_b")));
            assertThat(failed).as("the statement on the ended connection").isNotNull();
            // the pool has closed the connection now: the rollback meets "Connection is closed"
            throw new Refusal(Rule.INVITE_NOT_USABLE, "this invite cannot be used");
        }));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITE_NOT_USABLE));
    }

    // --- the rate-limit budgets, which run their own transactions ---

    @Test
    void aRateLimitBudgetAskedOnAConnectionTheServerEndedIsUnavailable() {
        PostgresRateLimitBuckets buckets = new PostgresRateLimitBuckets(new EndedWhenArmed(pool, endNextConnection));
        assertThat(buckets.take("validity|192.0.2.1", 5, 1).count()).isEqualTo(1);
        endNextConnection.set(true);

        Throwable thrown = catchThrowable(() -> buckets.take("validity|192.0.2.1", 5, 1));

        assertUnavailable(thrown);
        assertThat(buckets.take("validity|192.0.2.1", 5, 1).count())
                .as("the failed take took nothing")
                .isEqualTo(1);
        assertThat(buckets.take("validity|192.0.2.1", 5, 5).count())
                .as("two taken before: three left")
                .isEqualTo(3);
    }

    // --- helpers ---

    private static void assertUnavailable(Throwable thrown) {
        assertThat(thrown).as("a lost connection is service_unavailable").isInstanceOf(Unavailable.class);
    }

    private void assertNothingWritten(String name, Invite invite) {
        assertThat(count("SELECT count(*) FROM local_user WHERE name = '" + name + "'"))
                .as("no account %s", name)
                .isZero();
        assertThat(count("SELECT uses_count FROM local_user_invite WHERE id = "
                        + invite.id().value()))
                .as("the invite's uses")
                .isZero();
    }

    /** A number read from this test's database, past the pool. */
    private long count(String sql, Object... parameters) {
        return Sql.number(() -> server.connect(database), sql, parameters);
    }

    /** The connection the running transaction holds. */
    private static Connection connectionOfThisTransaction() {
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResourceMap()
                .values()
                .iterator()
                .next();
        return holder.getConnection();
    }

    /** The backend PID of the connection the running transaction holds (no round trip). */
    private static int backendOfThisTransaction() {
        try {
            return connectionOfThisTransaction().unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Runs {@code sql} on the connection of the running transaction. */
    private static void onThisTransaction(String sql) {
        try (Statement statement = connectionOfThisTransaction().createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Waits until {@code sql} counts {@code expected}; fails saying {@code what} when it does not. */
    private void awaitCount(String what, String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count(sql) != expected) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * The pool, except that when armed, the connection it hands out next has been ended by the
     * server already (as a pooled connection is whose backend an operator or a failover ended
     * since it was last used): a connection lost before the first statement.
     */
    private final class EndedWhenArmed extends DelegatingDataSource {

        private final AtomicBoolean armed;

        EndedWhenArmed(DataSource pool, AtomicBoolean armed) {
            super(pool);
            this.armed = armed;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            if (armed.compareAndSet(true, false)) {
                backends.terminate(connection.unwrap(PGConnection.class).getBackendPID());
            }
            return connection;
        }
    }
}
