package guestlist.bootstrap.database;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.adapters.postgres.Migrations;
import guestlist.adapters.postgres.PoolSettings;
import guestlist.bootstrap.Settings;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database of this process: the configured PostgreSQL, or an embedded one when no URL is
 * given; a connection pool on it, and the schema migrated to the newest version.
 */
public final class Database implements AutoCloseable {

    private final Optional<EmbeddedDatabase> embedded;
    private final HikariDataSource pool;

    private Database(Optional<EmbeddedDatabase> embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database open(Settings settings) {
        Optional<EmbeddedDatabase> embedded = settings.databaseUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedDatabase.start(settings.dataDir()));
        try {
            HikariDataSource pool = new PoolSettings(
                            settings.databaseUrl()
                                    .orElseGet(() -> embedded.orElseThrow().jdbcUrl()),
                            settings.databaseUser()
                                    .orElseGet(() ->
                                            embedded.map(EmbeddedDatabase::user).orElse(null)),
                            settings.databasePassword().orElse(null),
                            settings.databasePoolSize())
                    .open();
            try {
                Migrations.apply(pool);
            } catch (RuntimeException failed) {
                pool.close();
                throw failed;
            }
            return new Database(embedded, pool);
        } catch (RuntimeException failed) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw failed;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean embedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }
}
