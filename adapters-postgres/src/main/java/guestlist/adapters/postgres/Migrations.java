package guestlist.adapters.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
