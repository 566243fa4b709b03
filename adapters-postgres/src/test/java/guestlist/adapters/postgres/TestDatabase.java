package guestlist.adapters.postgres;

import guestlist.testsupport.TestPostgres;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This module's database: the {@code postgres} database of the test JVM's one
 * {@linkplain TestPostgres#shared() test PostgreSQL}, migrated once, with a pool on it. Ships in
 * this module's test-jar so other modules' tests can use it too.
 */
public final class TestDatabase {

    /** The server's superuser; it trusts local connections, so any password will do. */
    public static final String USER = TestPostgres.USER;

    private TestDatabase() {}

    private static final class Migrated {
        static final DataSource POOL = open();

        private static DataSource open() {
            DataSource pool = new PoolSettings(jdbcUrl(), USER, null, 10, Duration.ofSeconds(10)).open();
            Migrations.apply(pool);
            return pool;
        }
    }

    /** A pooled (10 connections, 10 s wait for one), migrated data source on the test database. */
    public static DataSource dataSource() {
        return Migrated.POOL;
    }

    /**
     * A JDBC URL of the test database, {@code jdbc:postgresql://localhost:<port>/postgres}, migrated
     * once {@link #dataSource()} has been asked for. Pass it with {@link #USER} and a null (or any) password.
     */
    public static String jdbcUrl() {
        return TestPostgres.shared().jdbcUrl();
    }

    /** The user the URL connects as, {@value #USER}. */
    public static String user() {
        return USER;
    }

    /** Empties every table and puts back the initial site row, as the first migration made it. */
    public static void reset() {
        reset(dataSource());
    }

    /** {@link #reset()} on a data source of a migrated database. */
    public static void reset(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                TRUNCATE local_site, local_user, login_token, local_user_invite, registration_application, invite_branch,
                         moderation_log, invite_creation, invite_signup
                RESTART IDENTITY CASCADE""").update();
        jdbc.sql("""
                INSERT INTO local_site (id, name, registration_mode, max_invites_per_user_allowed)
                VALUES (1, 'Guestlist', 'require_application', 10)""").update();
    }
}
