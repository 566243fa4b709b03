package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V10 on a database that already holds creation records (written by V5's schema, without a place
 * in their creator's order): each creator's records are numbered in the order of their instants,
 * and the adapter then goes on from there. Runs on a database of its own on the test server,
 * migrated to V9 first.
 */
class InviteCreationOrderMigrationTest {

    private static final String DATABASE = "migration_v10";
    private static final Instant T = Instant.parse("2030-01-01T12:00:00Z");

    private final JdbcClient server = JdbcClient.create(TestDatabase.dataSource());
    private HikariDataSource pool;

    @BeforeEach
    void freshDatabase() {
        server.sql("DROP DATABASE IF EXISTS " + DATABASE).update();
        server.sql("CREATE DATABASE " + DATABASE).update();
        String url = TestDatabase.jdbcUrl().replaceFirst("/postgres$", "/" + DATABASE);
        pool = new PoolSettings(url, TestDatabase.USER, null, 2, Duration.ofSeconds(10)).open();
    }

    @AfterEach
    void dropDatabase() {
        pool.close();
        server.sql("DROP DATABASE IF EXISTS " + DATABASE).update();
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(pool)
                .locations(Migrations.LOCATION)
                .target(version)
                .load()
                .migrate();
    }

    @Test
    void existingRecordsAreNumberedPerCreatorInTheOrderOfTheirInstants() {
        migrateTo("9");
        JdbcClient jdbc = JdbcClient.create(pool);
        long alice = member(jdbc, "alice");
        long bob = member(jdbc, "bob");
        // inserted out of order: the ids do not follow the instants
        record(jdbc, alice, T.plusSeconds(30));
        record(jdbc, bob, T.plusSeconds(20));
        record(jdbc, alice, T.plusSeconds(10));
        record(jdbc, alice, T.plusSeconds(20));

        migrateTo("latest");

        assertThat(jdbc.sql("SELECT local_user_id || ':' || seq || ':' || extract(epoch FROM published_at - :t)"
                                + " FROM invite_creation ORDER BY local_user_id, seq")
                        .param("t", Timestamps.parameter(T))
                        .query(String.class)
                        .list())
                .containsExactly(
                        alice + ":1:10.000000", alice + ":2:20.000000", alice + ":3:30.000000", bob + ":1:20.000000");

        PostgresPersistence persistence = new PostgresPersistence(pool);
        assertThat(persistence
                        .transactions()
                        .inTransaction(() -> List.of(
                                persistence.invites().nthLatestAddition(new LocalUserId(alice), 1),
                                persistence.invites().nthLatestAddition(new LocalUserId(alice), 3),
                                persistence.invites().nthLatestAddition(new LocalUserId(alice), 4))))
                .containsExactly(Optional.of(T.plusSeconds(30)), Optional.of(T.plusSeconds(10)), Optional.empty());

        persistence.transactions().run(() -> {
            persistence.users().lockById(new LocalUserId(alice));
            persistence
                    .invites()
                    .add(new NewInvite(
                            new InviteToken("a".repeat(32)),
                            new LocalUserId(alice),
                            Optional.empty(),
                            Optional.empty(),
                            T.plusSeconds(40),
                            Optional.empty()));
        });
        assertThat(jdbc.sql("SELECT max(seq) FROM invite_creation WHERE local_user_id = :alice")
                        .param("alice", alice)
                        .query(Long.class)
                        .single())
                .as("the next addition takes the place after the migrated ones")
                .isEqualTo(4);
    }

    private static long member(JdbcClient jdbc, String name) {
        return jdbc.sql("INSERT INTO local_user (name, password_hash, accepted_application) VALUES (:name, 'x', true)"
                        + " RETURNING id")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private static void record(JdbcClient jdbc, long creator, Instant at) {
        jdbc.sql("INSERT INTO invite_creation (local_user_id, published_at) VALUES (:creator, :at)")
                .param("creator", creator)
                .param("at", Timestamps.parameter(at))
                .update();
    }
}
