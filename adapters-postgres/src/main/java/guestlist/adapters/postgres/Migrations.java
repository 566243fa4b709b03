package guestlist.adapters.postgres;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** The schema: the Flyway migrations under {@link #LOCATION}. */
public final class Migrations {

    /** Where the Flyway migrations live. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * Applies the pending migrations. Safe to run from several processes at once (Flyway takes a
     * database lock, see {@link #configuration}), also through PgBouncer.
     *
     * @return how many migrations it applied
     */
    public static int apply(DataSource dataSource) {
        return configuration(dataSource).load().migrate().migrationsExecuted;
    }

    /**
     * Applies the migrations up to and including {@code version}, and none after it: a restored
     * backup is loaded into the schema it was taken from.
     *
     * @throws IllegalArgumentException when no shipped migration has that version
     */
    public static int applyUpTo(DataSource dataSource, String version) {
        boolean shipped = Arrays.stream(configuration(dataSource).load().info().all())
                .anyMatch(migration -> migration.getVersion() != null
                        && migration.getVersion().getVersion().equals(version));
        if (!shipped) {
            throw new IllegalArgumentException("no migration of version " + version);
        }
        return configuration(dataSource)
                .target(MigrationVersion.fromVersion(version))
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * Flyway's configuration for Guestlist's migrations on {@code dataSource}. Its lock on PostgreSQL
     * is an advisory lock held by the transaction that migrates ({@code pg_try_advisory_xact_lock}),
     * Flyway's default, set here because Guestlist relies on it: the session-level lock Flyway can
     * take instead is released by a statement of its own, which behind PgBouncer's transaction
     * pooling may run on another server connection than the one holding the lock, which would then
     * hold it for good.
     */
    static FluentConfiguration configuration(DataSource dataSource) {
        FluentConfiguration configuration =
                Flyway.configure().dataSource(dataSource).locations(LOCATION).failOnMissingLocations(true);
        configuration
                .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(true);
        return configuration;
    }
}
