package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.testsupport.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backup written from one database and restored into a fresh one gives back every row of every
 * table, the counters and closure rows kept by triggers as they were, and every sequence where it
 * stood; a backup taken while registrations commit holds each of them whole or not at all; and a
 * restore refuses what it cannot take, writing nothing.
 */
class DatabaseBackupTest {

    private static final TestPostgres POSTGRES = TestPostgres.shared();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void aRestoredDatabaseHoldsEveryRowOfEveryTableAndItsSequencesWhereTheyStood() throws Exception {
        DataSource source = migratedDatabase("backup_source");
        fillEveryTable(JdbcClient.create(source));
        ByteArrayOutputStream file = new ByteArrayOutputStream();

        DatabaseBackup.Summary written = DatabaseBackup.write(source, file);
        DataSource target = emptyDatabase("backup_target");
        DatabaseBackup.Summary restored = DatabaseBackup.restore(target, new ByteArrayInputStream(file.toByteArray()));

        List<String> tables = loggedTables(source);
        assertThat(written.rows()).containsOnlyKeys(tables);
        assertThat(written.rows())
                .allSatisfy((table, rows) -> assertThat(rows)
                        .as("rows of %s (the fill must reach every table)", table)
                        .isPositive());
        assertThat(restored).isEqualTo(written);
        assertThat(written.schemaVersion())
                .isEqualTo(JdbcClient.create(source)
                        .sql("SELECT max(version::int)::text FROM flyway_schema_history")
                        .query(String.class)
                        .single());
        for (String table : tables) {
            assertThat(contents(target, table)).as(table).isEqualTo(contents(source, table));
        }
        assertThat(sequences(target)).isEqualTo(sequences(source));
        // the restored database goes on as the original would: the next account gets the next id,
        // and the triggers are on again (the closure table grows with it)
        long nextInSource = insertInvitee(JdbcClient.create(source), "after_backup");
        long nextInTarget = insertInvitee(JdbcClient.create(target), "after_backup");
        assertThat(nextInTarget).isEqualTo(nextInSource);
        assertThat(contents(target, "invite_branch")).isEqualTo(contents(source, "invite_branch"));
        assertThat(invitees(target)).isEqualTo(invitees(source)).contains("3 invitee 1");
    }

    @Test
    void aBackupTakenWhileRegistrationsCommitHoldsEachOfThemWholeOrNotAtAll() throws Exception {
        DataSource source = migratedDatabase("backup_busy");
        JdbcClient sql = JdbcClient.create(source);
        long inviter = sql.sql("INSERT INTO local_user (name, password_hash) VALUES ('inviter', 'h') RETURNING id")
                .query(Long.class)
                .single();
        sql.sql("INSERT INTO local_user_invite (token, local_user_id) VALUES ('t', ?)")
                .param(inviter)
                .update();
        int writers = 4;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> committed = new ArrayList<>();
        List<ByteArrayOutputStream> backups = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                committed.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int n = 0;
                    while (!stop.get()) {
                        registerThroughTheInvite(source, "w" + writer + "_" + n++);
                        done.incrementAndGet();
                    }
                    return n;
                }));
            }
            start.await(30, TimeUnit.SECONDS);
            while (done.get() < 50) {
                Thread.onSpinWait();
            }
            for (int b = 0; b < 5; b++) {
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                DatabaseBackup.write(source, file);
                backups.add(file);
            }
        } finally {
            stop.set(true);
            threads.shutdown();
        }
        int registrations = 0;
        for (Future<Integer> writer : committed) {
            registrations += writer.get(60, TimeUnit.SECONDS);
        }

        List<Long> accountsPerBackup = new ArrayList<>();
        for (ByteArrayOutputStream file : backups) {
            DataSource target = emptyDatabase("backup_busy_restored");
            DatabaseBackup.restore(target, new ByteArrayInputStream(file.toByteArray()));
            JdbcClient restored = JdbcClient.create(target);
            long invitees =
                    count(restored, "SELECT count(*) FROM local_user WHERE invited_by_local_user_id IS NOT NULL");
            assertThat(count(restored, "SELECT uses_count FROM local_user_invite WHERE token = 't'"))
                    .as("the invite's uses and its accounts come from one snapshot")
                    .isEqualTo(invitees);
            assertThat(count(restored, "SELECT count(*) FROM invite_signup")).isEqualTo(invitees);
            assertThat(count(restored, "SELECT invitee_count FROM local_user WHERE name = 'inviter'"))
                    .isEqualTo(invitees);
            assertThat(count(restored, "SELECT count(*) FROM invite_branch")).isEqualTo(invitees);
            accountsPerBackup.add(invitees);
        }
        assertThat(accountsPerBackup).as("backups taken one after another").isSorted();
        assertThat(accountsPerBackup.get(0))
                .as("registrations before the first backup")
                .isGreaterThanOrEqualTo(50);
        assertThat(accountsPerBackup.get(accountsPerBackup.size() - 1)).isLessThanOrEqualTo(registrations);
        assertThat(registrations)
                .as("registrations committed beside the backups")
                .isPositive();
        System.out.printf(
                "5 backups while %d registrations committed: %s accounts in each%n", registrations, accountsPerBackup);
    }

    @Test
    void aRestoreIntoADatabaseThatHoldsTheSchemaIsRefusedAndChangesNothing() throws Exception {
        DataSource source = migratedDatabase("backup_again");
        fillEveryTable(JdbcClient.create(source));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DatabaseBackup.write(source, file);
        Map<String, List<String>> before = new TreeMap<>();
        for (String table : loggedTables(source)) {
            before.put(table, contents(source, table));
        }

        assertThatThrownBy(() -> DatabaseBackup.restore(source, new ByteArrayInputStream(file.toByteArray())))
                .isInstanceOf(DatabaseBackup.RefusedRestore.class)
                .hasMessageContaining("already holds a Guestlist schema");

        for (String table : loggedTables(source)) {
            assertThat(contents(source, table)).as(table).isEqualTo(before.get(table));
        }
    }

    @Test
    void aBackupOfASchemaNewerThanTheseMigrationsIsRefusedBeforeAnythingIsWritten() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("manifest.properties"));
            zip.write(("format=" + DatabaseBackup.FORMAT + "\nschema_version=999\ntables=\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        DataSource target = emptyDatabase("backup_newer");

        assertThatThrownBy(() -> DatabaseBackup.restore(target, new ByteArrayInputStream(file.toByteArray())))
                .isInstanceOf(DatabaseBackup.RefusedRestore.class)
                .hasMessageContaining("schema version 999");

        assertThat(count(JdbcClient.create(target), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("tables created")
                .isZero();
    }

    @Test
    void aFileThatIsNoBackupIsRefused() {
        DataSource target = emptyDatabase("backup_not_one");

        assertThatThrownBy(() -> DatabaseBackup.restore(
                        target, new ByteArrayInputStream("name,password\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DatabaseBackup.RefusedRestore.class)
                .hasMessageContaining("not a Guestlist backup");
    }

    /** One row at least in every logged table, written the way the adapters write them (triggers on). */
    private static void fillEveryTable(JdbcClient sql) {
        sql.sql("UPDATE local_site SET name = 'Backed up', registration_mode = 'require_invitation'")
                .update();
        long admin = sql.sql("INSERT INTO local_user (name, password_hash, admin, accepted_application)"
                        + " VALUES ('admin', 'hash-a', true, true) RETURNING id")
                .query(Long.class)
                .single();
        long member = sql.sql(
                        "INSERT INTO local_user (name, email, password_hash, accepted_application,"
                                + " invited_by_local_user_id) VALUES ('member', 'm@example.org', 'hash-m', true, ?) RETURNING id")
                .param(admin)
                .query(Long.class)
                .single();
        long invitee = sql.sql("INSERT INTO local_user (name, password_hash, invited_by_local_user_id,"
                        + " banned_at, ban_reason) VALUES ('invitee', 'hash-i', ?, now(), 'spam') RETURNING id")
                .param(member)
                .query(Long.class)
                .single();
        sql.sql(
                        "INSERT INTO login_token (token_hash, local_user_id, expires_at) VALUES ('th', ?, now() + interval '1 day')")
                .param(member)
                .update();
        sql.sql("INSERT INTO local_user_invite (token, local_user_id, max_uses, uses_count, comment)"
                        + " VALUES ('tok1', ?, 5, 1, 'for a friend'), ('tok2', ?, NULL, 0, NULL)")
                .params(member, admin)
                .update();
        sql.sql("INSERT INTO registration_application (local_user_id, answer, admin_id, deny_reason, updated_at)"
                        + " VALUES (?, 'because', ?, 'no', now())")
                .params(invitee, admin)
                .update();
        sql.sql("INSERT INTO invite_creation (local_user_id, seq, published_at) VALUES (?, 1, now())")
                .param(member)
                .update();
        sql.sql("INSERT INTO invite_signup (published_at) VALUES (now())").update();
        sql.sql("INSERT INTO moderation_log (action, admin_local_user_id, target_local_user_id, include_invitees,"
                        + " affected_accounts, revoked_invites, reason, published_at)"
                        + " VALUES ('ban', ?, ?, false, 1, 0, 'spam', now())")
                .params(admin, invitee)
                .update();
    }

    private static long insertInvitee(JdbcClient sql, String name) {
        long inviter = sql.sql("SELECT id FROM local_user WHERE name = 'invitee'")
                .query(Long.class)
                .single();
        return sql.sql("INSERT INTO local_user (name, password_hash, invited_by_local_user_id) VALUES (?, 'h', ?)"
                        + " RETURNING id")
                .params(name, inviter)
                .query(Long.class)
                .single();
    }

    /** An account through the one invite: the account, the invite's use and the sign-up record, in one transaction. */
    private static void registerThroughTheInvite(DataSource source, String name) throws Exception {
        try (var connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("UPDATE local_user_invite SET uses_count = uses_count + 1 WHERE token = 't'");
                statement.execute("INSERT INTO local_user (name, password_hash, invited_by_local_user_id)" + " SELECT '"
                        + name + "', 'h', local_user_id FROM local_user_invite WHERE token = 't'");
                statement.execute("INSERT INTO invite_signup (published_at) VALUES (now())");
            }
            connection.commit();
        }
    }

    private DataSource migratedDatabase(String prefix) {
        DataSource dataSource = emptyDatabase(prefix);
        Migrations.apply(dataSource);
        return dataSource;
    }

    private DataSource emptyDatabase(String prefix) {
        String database = POSTGRES.newDatabase(prefix);
        HikariDataSource pool =
                new PoolSettings(POSTGRES.jdbcUrl(database), TestPostgres.USER, null, 6, Duration.ofSeconds(10)).open();
        pools.add(pool);
        return pool;
    }

    private static List<String> loggedTables(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
                        + " AND relpersistence = 'p' AND relname <> 'flyway_schema_history' ORDER BY relname")
                .query(String.class)
                .list();
    }

    /** Every row of a table as text, in a fixed order. */
    private static List<String> contents(DataSource dataSource, String table) {
        return JdbcClient.create(dataSource)
                .sql("SELECT t::text FROM \"" + table + "\" t ORDER BY 1")
                .query(String.class)
                .list();
    }

    private static List<String> invitees(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql("SELECT id || ' ' || name || ' ' || invitee_count FROM local_user ORDER BY id")
                .query(String.class)
                .list();
    }

    private static List<String> sequences(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql("SELECT sequencename || '=' || coalesce(last_value::text, 'fresh') FROM pg_sequences"
                        + " WHERE schemaname = 'public' ORDER BY 1")
                .query(String.class)
                .list();
    }

    private static long count(JdbcClient sql, String query) {
        return sql.sql(query).query(Long.class).single();
    }
}
