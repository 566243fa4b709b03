package guestlist.adapters.postgres;

import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The out-ports on PostgreSQL, all on one {@link DataSource}: the repositories take part in the
 * transactions of {@link #transactions()} because they share it.
 *
 * <p>Timestamps are stored as {@code timestamptz}, which keeps microseconds: instants are
 * truncated to microseconds when written, so callers' clocks should not rely on nanoseconds.
 *
 * <p>Typical wiring: {@code HikariDataSource pool = new PoolSettings(url, user, password, 10).open();
 * Migrations.apply(pool); PostgresPersistence persistence = new PostgresPersistence(pool);} and
 * closing the pool at the end.
 */
public final class PostgresPersistence {

    /**
     * How long the out-ports wait for any one answer of the database (the socket's read timeout)
     * before they give up with {@code service_unavailable}: a database that stopped answering
     * without closing anything (a hung host, a network dropping packets) would otherwise hold the
     * request, its worker thread and its connection until it answers again. Far above what any
     * statement of a use case takes, lock waits included; migrations are not bound by it.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final UserRepository users;
    private final SiteRepository sites;
    private final SessionRepository sessions;
    private final InviteRepository invites;
    private final RegistrationApplicationRepository applications;
    private final ModerationRepository moderation;
    private final InviteBranchRepository branches;
    private final Transactions transactions;
    private final StorageHealth health;

    public PostgresPersistence(DataSource dataSource) {
        this(dataSource, ANSWER_TIMEOUT);
    }

    /** For tests: another wait for an answer than {@link #ANSWER_TIMEOUT}. */
    PostgresPersistence(DataSource dataSource, Duration answerTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        DataSource bounded = new AnswerTimeoutDataSource(dataSource, answerTimeout);
        JdbcClient jdbc = JdbcClient.create(bounded);
        this.users = new PostgresUserRepository(jdbc);
        this.sites = new PostgresSiteRepository(jdbc);
        this.sessions = new PostgresSessionRepository(jdbc);
        this.invites = new PostgresInviteRepository(jdbc);
        this.applications = new PostgresRegistrationApplicationRepository(jdbc);
        this.moderation = new PostgresModerationRepository(jdbc);
        this.branches = new PostgresInviteBranchRepository(jdbc);
        // the same data source object as the repositories', so that they join its transactions
        this.transactions = new PostgresTransactions(new PostgresTransactionManager(bounded));
        this.health = new PostgresStorageHealth(dataSource);
    }

    public UserRepository users() {
        return users;
    }

    public SiteRepository sites() {
        return sites;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public InviteRepository invites() {
        return invites;
    }

    public RegistrationApplicationRepository applications() {
        return applications;
    }

    public ModerationRepository moderation() {
        return moderation;
    }

    public InviteBranchRepository branches() {
        return branches;
    }

    public Transactions transactions() {
        return transactions;
    }

    public StorageHealth health() {
        return health;
    }
}
