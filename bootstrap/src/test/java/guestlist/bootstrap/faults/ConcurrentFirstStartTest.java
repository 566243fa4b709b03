package guestlist.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.adapters.postgres.Migrations;
import guestlist.adapters.postgres.PoolSettings;
import guestlist.adapters.postgres.PostgresPersistence;
import guestlist.application.port.out.PasswordHasher;
import guestlist.application.service.AdminSetupService;
import guestlist.bootstrap.Guestlist;
import guestlist.bootstrap.Settings;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.Password;
import guestlist.domain.account.Username;
import guestlist.testsupport.HttpApi;
import guestlist.testsupport.ShippedMigrations;
import guestlist.testsupport.Sql;
import guestlist.testsupport.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers starting at the same moment on an empty database (SPEC §4): both come up, the schema
 * is migrated once, and the site gets one first admin. The real wiring twice in this JVM, each
 * with a pool of its own, as two processes would have, released together by a barrier, on fresh
 * databases. {@code TwoProcessesIT} does it with two real processes. Since the migration lock
 * mostly orders two starts, the first-admin setup is also made to overlap for sure.
 */
class ConcurrentFirstStartTest {

    private static TestPostgres postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    /** Two starts at once on a new database, each with its own extra settings; both must succeed. */
    private static List<Map<String, String>> startTwoAtOnce(
            String database, Map<String, String> first, Map<String, String> second) throws Exception {
        postgres.update("CREATE DATABASE " + database);
        return startTwoAtOnceOn(database, first, second);
    }

    private static List<Map<String, String>> startTwoAtOnceOn(
            String database, Map<String, String> first, Map<String, String> second) throws Exception {
        List<Map<String, String>> envs = new ArrayList<>();
        for (Map<String, String> extra : List.of(first, second)) {
            Map<String, String> env = new HashMap<>();
            env.put("GUESTLIST_PORT", "0");
            env.put("GUESTLIST_MANAGEMENT_PORT", "0");
            env.put("GUESTLIST_DATABASE_URL", postgres.jdbcUrl(database));
            env.put("GUESTLIST_DATABASE_USER", TestPostgres.USER);
            env.putAll(extra);
            envs.add(env);
        }
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Guestlist> started = new ArrayList<>();
        try {
            List<Future<Guestlist>> starts = new ArrayList<>();
            for (Map<String, String> env : envs) {
                starts.add(starters.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return Guestlist.start(Settings.fromEnvironment(env));
                }));
            }
            for (Future<Guestlist> start : starts) {
                started.add(start.get(120, TimeUnit.SECONDS));
            }
            for (Guestlist guestlist : started) {
                HttpApi.expect(
                        new HttpApi(guestlist.port()).get("/health", null), 200, "health of a server started at once");
            }
        } finally {
            started.forEach(Guestlist::close);
            starters.shutdownNow();
        }
        return envs;
    }

    private static long number(String database, String sql) {
        return Sql.number(() -> postgres.connect(database), sql);
    }

    private static void assertMigratedOnceWithOneAdmin(String database) {
        assertThat(number(database, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .as("%s: every migration applied once", database)
                .isEqualTo(ShippedMigrations.count());
        assertThat(number(database, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                .isZero();
        assertThat(number(database, "SELECT count(*) FROM local_site")).isEqualTo(1);
        assertThat(number(database, "SELECT count(*) FROM local_user WHERE admin"))
                .as("%s: one first admin", database)
                .isEqualTo(1);
    }

    @Test
    void twoServersWithTheSameSettingsStartingTogetherMigrateOnceAndMakeOneAdmin() throws Exception {
        Map<String, String> same =
                Map.of("GUESTLIST_ADMIN_USERNAME", "first_admin", "GUESTLIST_ADMIN_PASSWORD", "first-admin-password");
        for (int round = 1; round <= 2; round++) {
            String database = "same_settings_" + round;
            startTwoAtOnce(database, same, same);
            assertMigratedOnceWithOneAdmin(database);
        }
    }

    @Test
    void twoServersWithoutAdminSettingsStartingTogetherMakeOneAdmin() throws Exception {
        startTwoAtOnce("no_admin_settings", Map.of(), Map.of());
        assertMigratedOnceWithOneAdmin("no_admin_settings");
        assertThat(number("no_admin_settings", "SELECT count(*) FROM local_user WHERE admin AND name = 'admin'"))
                .isEqualTo(1);
    }

    /** "When no admin exists at start, this admin is created": not two, when two processes name two. */
    @Test
    void twoServersNamingDifferentAdminsStartingTogetherMakeOneAdmin() throws Exception {
        startTwoAtOnce(
                "different_admins",
                Map.of("GUESTLIST_ADMIN_USERNAME", "admin_one", "GUESTLIST_ADMIN_PASSWORD", "admin-one-password"),
                Map.of("GUESTLIST_ADMIN_USERNAME", "admin_two", "GUESTLIST_ADMIN_PASSWORD", "admin-two-password"));
        assertMigratedOnceWithOneAdmin("different_admins");
    }

    /**
     * The same on a database whose schema is already there (migrated by an earlier start or by
     * hand) but that has no admin: no migration lock orders the two starts then.
     */
    @Test
    void twoServersNamingDifferentAdminsStartingTogetherOnAMigratedDatabaseMakeOneAdmin() throws Exception {
        String database = "migrated";
        postgres.update("CREATE DATABASE " + database);
        try (HikariDataSource pool = new PoolSettings(postgres.jdbcUrl(database), TestPostgres.USER, null, 4).open()) {
            Migrations.apply(pool);
        }
        startTwoAtOnceOn(
                database,
                Map.of("GUESTLIST_ADMIN_USERNAME", "admin_one", "GUESTLIST_ADMIN_PASSWORD", "admin-one-password"),
                Map.of("GUESTLIST_ADMIN_USERNAME", "admin_two", "GUESTLIST_ADMIN_PASSWORD", "admin-two-password"));
        assertMigratedOnceWithOneAdmin(database);
    }

    /**
     * The first-admin setup itself, made to overlap for sure: two processes' setups on one migrated
     * database without admin, each with another name, both past their "is there an admin?" before
     * either stores its admin (the hasher lets them through together). One admin, not two.
     */
    @Test
    void overlappingAdminSetupsWithDifferentNamesMakeOneAdmin() throws Exception {
        String database = "overlapping_setups";
        postgres.update("CREATE DATABASE " + database);
        CyclicBarrier bothHashing = new CyclicBarrier(2);
        PasswordHasher together = new PasswordHasher() {
            @Override
            public String hash(String password) {
                try {
                    bothHashing.await(30, TimeUnit.SECONDS);
                } catch (Exception neverTogether) {
                    throw new IllegalStateException("the two setups did not both hash", neverTogether);
                }
                return "not-a-real-hash:" + password.length();
            }

            @Override
            public boolean matches(String password, String hash) {
                return false;
            }
        };
        ExecutorService processes = Executors.newFixedThreadPool(2);
        String url = postgres.jdbcUrl(database);
        try (HikariDataSource one = new PoolSettings(url, TestPostgres.USER, null, 4).open();
                HikariDataSource two = new PoolSettings(url, TestPostgres.USER, null, 4).open()) {
            Migrations.apply(one);
            Map<String, HikariDataSource> adminsAndPools = Map.of("admin_one", one, "admin_two", two);
            List<Future<Optional<LocalUser>>> setups = new ArrayList<>();
            adminsAndPools.forEach((name, pool) -> {
                PostgresPersistence persistence = new PostgresPersistence(pool);
                AdminSetupService setup = new AdminSetupService(
                        persistence.transactions(),
                        persistence.sites(),
                        persistence.users(),
                        together,
                        Clock.systemUTC());
                setups.add(processes.submit(
                        () -> setup.ensureAdmin(new Username(name), new Password("a long admin secret"))));
            });
            long created = 0;
            for (Future<Optional<LocalUser>> setup : setups) {
                created += setup.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(created).as("setups that say they created an admin").isEqualTo(1);
        } finally {
            processes.shutdownNow();
        }
        assertThat(number(database, "SELECT count(*) FROM local_user WHERE admin"))
                .isEqualTo(1);
    }
}
