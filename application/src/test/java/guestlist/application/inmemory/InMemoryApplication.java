package guestlist.application.inmemory;

import guestlist.application.UseCases;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.contract.StoreFixture;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import java.security.SecureRandom;

/**
 * Every use case of the application wired on one store by {@link UseCases}, as bootstrap wires them
 * on PostgreSQL. Tests of the application, and of adapters that drive it, use this.
 */
public final class InMemoryApplication {

    private final StoreFixture store;
    private final MutableClock clock;
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final UseCases useCases;

    public InMemoryApplication() {
        this(new InMemoryStore(), MutableClock.startingNow());
    }

    /** The use cases on another store (the PostgreSQL one, say), with a fast test hasher. */
    public InMemoryApplication(StoreFixture store, MutableClock clock) {
        this(store, clock, store instanceof InMemoryStore memory ? memory.health() : () -> true);
    }

    public InMemoryApplication(StoreFixture store, MutableClock clock, StorageHealth storageHealth) {
        this.store = store;
        this.clock = clock;
        this.useCases = UseCases.of(
                new UseCases.OutPorts(
                        store.transactions(),
                        store.sites(),
                        store.users(),
                        store.invites(),
                        store.applications(),
                        store.sessions(),
                        store.moderation(),
                        store.branches(),
                        hasher,
                        storageHealth),
                clock,
                new SecureRandom(),
                UseCases.DEFAULT_SITE_MAX_AGE);
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

    /** The use cases, wired as bootstrap wires them. */
    public UseCases useCases() {
        return useCases;
    }

    /** Creates the first admin (there is none yet) and returns it. */
    public LocalUser createAdmin(String name, String password) {
        return useCases.ensureAdmin()
                .ensureAdmin(new Username(name), new Password(password))
                .orElseThrow(() -> new IllegalStateException("an admin existed already"));
    }
}
