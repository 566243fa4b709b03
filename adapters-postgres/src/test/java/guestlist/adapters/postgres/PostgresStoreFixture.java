package guestlist.adapters.postgres;

import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.contract.StoreFixture;
import javax.sql.DataSource;

/** The PostgreSQL adapter on the embedded test database, for the out-port contract tests. */
public final class PostgresStoreFixture implements StoreFixture {

    private final DataSource dataSource;
    private final PostgresPersistence persistence;

    public PostgresStoreFixture() {
        this(TestDatabase.dataSource());
    }

    public PostgresStoreFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.persistence = new PostgresPersistence(dataSource);
    }

    public PostgresPersistence persistence() {
        return persistence;
    }

    @Override
    public Transactions transactions() {
        return persistence.transactions();
    }

    @Override
    public UserRepository users() {
        return persistence.users();
    }

    @Override
    public SiteRepository sites() {
        return persistence.sites();
    }

    @Override
    public SessionRepository sessions() {
        return persistence.sessions();
    }

    @Override
    public InviteRepository invites() {
        return persistence.invites();
    }

    @Override
    public RegistrationApplicationRepository applications() {
        return persistence.applications();
    }

    @Override
    public ModerationRepository moderation() {
        return persistence.moderation();
    }

    @Override
    public InviteBranchRepository branches() {
        return persistence.branches();
    }

    @Override
    public void reset() {
        TestDatabase.reset(dataSource);
    }
}
