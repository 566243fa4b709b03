package guestlist.adapters.postgres;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The schema: the Flyway migrations under {@link #LOCATION}. */
public final class Migrations {

    /** Where the Flyway migrations live. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * Applies the pending migrations. Safe to run from several processes at once (Flyway takes a
     * database lock).
     *
     * @return how many migrations it applied
     */
    public static int apply(DataSource dataSource) {
        return configured(dataSource).load().migrate().migrationsExecuted;
    }

    /**
     * Applies the migrations up to and including {@code version}, and none after it: a restored
     * backup is loaded into the schema it was taken from.
     *
     * @throws IllegalArgumentException when no shipped migration has that version
     */
    public static int applyUpTo(DataSource dataSource, String version) {
        boolean shipped = Arrays.stream(configured(dataSource).load().info().all())
                .anyMatch(migration -> migration.getVersion() != null
                        && migration.getVersion().getVersion().equals(version));
        if (!shipped) {
            throw new IllegalArgumentException("no migration of version " + version);
        }
        return configured(dataSource)
                .target(MigrationVersion.fromVersion(version))
                .load()
                .migrate()
                .migrationsExecuted;
    }

    private static FluentConfiguration configured(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION).failOnMissingLocations(true);
    }
}
