package guestlist.application.inmemory;

import guestlist.application.port.out.PasswordHasher;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.contract.StoreFixture;
import guestlist.application.service.AdminSetupService;
import guestlist.application.service.HealthService;
import guestlist.application.service.InviteService;
import guestlist.application.service.RegisterService;
import guestlist.application.service.RegistrationApplicationService;
import guestlist.application.service.SessionOpener;
import guestlist.application.service.SessionService;
import guestlist.application.service.SiteService;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;

import java.security.SecureRandom;

/**
 * Every service of the application wired on one store, the way bootstrap wires them on
 * PostgreSQL. Tests of the application, and of adapters that drive it, use this.
 */
public final class InMemoryApplication {

    private final StoreFixture store;
    private final MutableClock clock;
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final RegisterService register;
    private final SessionService sessions;
    private final SiteService site;
    private final InviteService invites;
    private final RegistrationApplicationService applications;
    private final HealthService health;
    private final AdminSetupService adminSetup;

    public InMemoryApplication() {
        this(new InMemoryStore(), MutableClock.startingNow());
    }

    /** The services on another store (the PostgreSQL one, say), with a fast test hasher. */
    public InMemoryApplication(StoreFixture store, MutableClock clock) {
        this(store, clock, store instanceof InMemoryStore memory ? memory.health() : () -> true);
    }

    public InMemoryApplication(StoreFixture store, MutableClock clock, StorageHealth storageHealth) {
        this.store = store;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        PasswordHasher passwords = hasher;
        SessionOpener opener = new SessionOpener(store.sessions(), random);
        this.register = new RegisterService(store.transactions(), store.sites(), store.users(), store.invites(),
                store.applications(), passwords, opener, clock);
        this.sessions = new SessionService(store.transactions(), store.users(), store.sessions(),
                store.applications(), passwords, opener, clock, random);
        this.site = new SiteService(store.transactions(), store.sites(), store.users(), clock,
                SiteService.DEFAULT_MAX_AGE);
        this.invites = new InviteService(store.transactions(), store.sites(), store.users(), store.invites(), random,
                clock);
        this.applications = new RegistrationApplicationService(store.transactions(), store.users(),
                store.applications(), clock);
        this.health = new HealthService(storageHealth);
        this.adminSetup = new AdminSetupService(store.transactions(), store.sites(), store.users(), passwords, clock);
    }

    public StoreFixture store() {
        return store;
    }

    public MutableClock clock() {
        return clock;
    }

    public FakePasswordHasher hasher() {
        return hasher;
    }

    public RegisterService register() {
        return register;
    }

    public SessionService sessions() {
        return sessions;
    }

    public SiteService site() {
        return site;
    }

    public InviteService invites() {
        return invites;
    }

    public RegistrationApplicationService applications() {
        return applications;
    }

    public HealthService health() {
        return health;
    }

    public AdminSetupService adminSetup() {
        return adminSetup;
    }

    /** Creates the first admin (there is none yet) and returns it. */
    public LocalUser createAdmin(String name, String password) {
        return adminSetup.ensureAdmin(new Username(name), new Password(password))
                .orElseThrow(() -> new IllegalStateException("an admin existed already"));
    }
}
