package guestlist.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two server "processes" on the freshly reset test database, for race tests: each is the real use
 * cases on a {@link PostgresPersistence} with a connection pool of its own, so only the database's
 * locks can settle what they race for.
 */
final class TwoProcesses implements AutoCloseable {

    final Services process;
    final Services otherProcess;
    private final List<HikariDataSource> pools = new ArrayList<>();

    TwoProcesses() {
        TestDatabase.reset();
        process = new Services(new PostgresPersistence(pool(20)));
        otherProcess = new Services(new PostgresPersistence(pool(10)));
    }

    /** Stores an active, non-admin account named {@code name} with {@code passwordHash}. */
    LocalUser member(String name, String passwordHash) {
        PostgresPersistence persistence = process.persistence;
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
                                passwordHash));
    }

    /** A pool of its own, as another server process would have; generous wait, as many threads queue for it. */
    private HikariDataSource pool(int size) {
        HikariDataSource pool =
                new PoolSettings(TestDatabase.jdbcUrl(), TestDatabase.USER, null, size, Duration.ofSeconds(30)).open();
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
