package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.testsupport.ShippedMigrations;
import guestlist.testsupport.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the schema does on its own: cascades, constraints, the migrations themselves. */
class PostgresSchemaTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final PostgresStoreFixture store = new PostgresStoreFixture();
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void resetStore() {
        store.reset();
    }

    private LocalUser addUser(String name, Optional<LocalUserId> invitedBy, boolean admin) {
        return store.transactions()
                .inTransaction(() -> store.users()
                        .add(
                                new NewUser(
                                        new Username(name),
                                        Optional.of(new EmailAddress(name + "@example.com")),
                                        admin,
                                        true,
                                        invitedBy,
                                        now),
                                "hash"));
    }

    private void deleteUser(LocalUser user) {
        sql.sql("DELETE FROM local_user WHERE id = :id")
                .param("id", user.id().value())
                .update();
    }

    private long count(String table, String column, LocalUserId id) {
        return sql.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = :id")
                .param("id", id.value())
                .query(Long.class)
                .single();
    }

    @Test
    void deletingAUserDeletesTheirInvitesSessionsAndApplication() {
        LocalUser alice = addUser("alice", Optional.empty(), false);
        LocalUser bob = addUser("bob", Optional.empty(), false);
        store.transactions().run(() -> {
            for (LocalUser user : new LocalUser[] {alice, bob}) {
                store.invites()
                        .add(new NewInvite(
                                new InviteToken(String.format("%032d", user.id().value())),
                                user.id(),
                                Optional.empty(),
                                Optional.empty(),
                                now,
                                Optional.empty()));
                store.sessions().add("session-of-" + user.name(), user.id(), now, Optional.empty());
                store.applications().add(user.id(), "answer", now);
            }
        });

        deleteUser(alice);

        assertThat(count("local_user_invite", "local_user_id", alice.id())).isZero();
        assertThat(count("login_token", "local_user_id", alice.id())).isZero();
        assertThat(count("registration_application", "local_user_id", alice.id()))
                .isZero();
        assertThat(count("local_user_invite", "local_user_id", bob.id())).isEqualTo(1);
        assertThat(count("login_token", "local_user_id", bob.id())).isEqualTo(1);
        assertThat(count("registration_application", "local_user_id", bob.id())).isEqualTo(1);
    }

    @Test
    void deletingAnInviterClearsInvitedByOfTheirInvitees() {
        LocalUser inviter = addUser("inviter", Optional.empty(), false);
        LocalUser invitee = addUser("invitee", Optional.of(inviter.id()), false);

        deleteUser(inviter);

        assertThat(store.transactions().inTransaction(() -> store.users().findById(invitee.id())))
                .map(LocalUser::invitedBy)
                .contains(Optional.empty());
    }

    @Test
    void deletingTheDecidingAdminKeepsTheApplication() {
        LocalUser admin = addUser("root", Optional.empty(), true);
        LocalUser applicant = addUser("applicant", Optional.empty(), false);
        RegistrationApplication decided = store.transactions().inTransaction(() -> {
            RegistrationApplication added = store.applications().add(applicant.id(), "answer", now);
            RegistrationApplication denied = added.decide(admin, false, Optional.of("no"), now.plusSeconds(1));
            store.applications().saveDecision(denied);
            return denied;
        });

        deleteUser(admin);

        assertThat(store.transactions().inTransaction(() -> store.applications().findById(decided.id())))
                .hasValueSatisfying(application -> {
                    assertThat(application.adminId()).isEmpty();
                    assertThat(application.denyReason()).contains("no");
                    assertThat(application.unread()).as("the denial stands").isFalse();
                });
    }

    @Test
    void aUnknownRegistrationModeIsRefused() {
        assertThatThrownBy(() -> sql.sql("UPDATE local_site SET registration_mode = 'invite_only'")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theInviteCapMustStayWithinItsRange() {
        assertThatThrownBy(() -> sql.sql("UPDATE local_site SET max_invites_per_user_allowed = -1")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> sql.sql("UPDATE local_site SET max_invites_per_user_allowed = 1000001")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anInviteCannotAdmitZeroUsesNorMoreUsesThanItsMaximum() {
        LocalUser alice = addUser("alice", Optional.empty(), false);
        Invite invite = store.transactions()
                .inTransaction(() -> store.invites()
                        .add(new NewInvite(
                                new InviteToken("a".repeat(32)),
                                alice.id(),
                                Optional.of(2),
                                Optional.empty(),
                                now,
                                Optional.empty())));

        assertThatThrownBy(() ->
                        sql.sql("UPDATE local_user_invite SET max_uses = 0").update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> sql.sql("UPDATE local_user_invite SET uses_count = 3 WHERE id = :id")
                        .param("id", invite.id().value())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theInviteQuotasMustStayWithinTheirRanges() {
        for (String outOfRange : List.of(
                "invite_min_account_age_hours = -1",
                "invite_min_account_age_hours = 8761",
                "invites_per_user_per_day = -1",
                "invites_per_user_per_day = 1001",
                "invite_signups_per_day = -1",
                "invite_signups_per_day = 1000001",
                "invites_skip_application = NULL")) {
            assertThatThrownBy(
                            () -> sql.sql("UPDATE local_site SET " + outOfRange).update())
                    .as(outOfRange)
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
        sql.sql("UPDATE local_site SET invite_min_account_age_hours = 8760, invites_per_user_per_day = 1000,"
                        + " invite_signups_per_day = 1000000")
                .update();
    }

    @Test
    void anInviteCommentIsOneTo200Characters() {
        LocalUser alice = addUser("alice", Optional.empty(), false);
        store.transactions()
                .run(() -> store.invites()
                        .add(new NewInvite(
                                new InviteToken("c".repeat(32)),
                                alice.id(),
                                Optional.empty(),
                                Optional.empty(),
                                now,
                                Optional.of("\uD83C\uDF89".repeat(200)))));

        assertThatThrownBy(() -> sql.sql("UPDATE local_user_invite SET comment = repeat('x', 201)")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() ->
                        sql.sql("UPDATE local_user_invite SET comment = ''").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void creationRecordsOutliveTheirInvitesButGoWithTheCreatorsAccount() {
        LocalUser alice = addUser("alice", Optional.empty(), false);
        LocalUser bob = addUser("bob", Optional.empty(), false);
        store.transactions().run(() -> {
            for (LocalUser user : new LocalUser[] {alice, bob}) {
                store.invites()
                        .add(new NewInvite(
                                new InviteToken(String.format("%032d", user.id().value())),
                                user.id(),
                                Optional.empty(),
                                Optional.empty(),
                                now,
                                Optional.empty()));
            }
        });
        assertThat(count("invite_creation", "local_user_id", alice.id())).isEqualTo(1);

        sql.sql("DELETE FROM local_user_invite").update();
        assertThat(count("invite_creation", "local_user_id", alice.id())).isEqualTo(1);

        deleteUser(alice);
        assertThat(count("invite_creation", "local_user_id", alice.id())).isZero();
        assertThat(count("invite_creation", "local_user_id", bob.id())).isEqualTo(1);
    }

    @Test
    void signupRecordsOutliveTheAccounts() {
        LocalUser alice = addUser("alice", Optional.empty(), false);
        store.transactions().run(() -> store.invites().recordSignup(now));

        deleteUser(alice);

        assertThat(sql.sql("SELECT count(*) FROM invite_signup")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void thereIsOnlyOneSite() {
        assertThatThrownBy(() -> sql.sql("INSERT INTO local_site (id, name) VALUES (2, 'second')")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void timestampsKeepMicrosecondsAndDropNanoseconds() {
        Instant precise = Instant.parse("2030-05-06T07:08:09.123456789Z");
        LocalUser added = store.transactions()
                .inTransaction(() -> store.users()
                        .add(
                                new NewUser(
                                        new Username("precise"),
                                        Optional.empty(),
                                        false,
                                        true,
                                        Optional.empty(),
                                        precise),
                                "hash"));

        Instant expected = Instant.parse("2030-05-06T07:08:09.123456Z");
        assertThat(added.publishedAt()).isEqualTo(expected);
        assertThat(store.transactions().inTransaction(() -> store.users().findById(added.id())))
                .map(LocalUser::publishedAt)
                .contains(expected);
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(Migrations.apply(TestDatabase.dataSource())).isZero();
    }

    @Test
    void aNewDatabaseIsMigratedToTheInitialSite() {
        String database = TestPostgres.shared().newDatabase("fresh");
        String url = TestPostgres.shared().jdbcUrl(database);
        try (HikariDataSource fresh = new PoolSettings(url, TestDatabase.USER, null, 2).open()) {
            assertThat(Migrations.apply(fresh)).as("every migration").isEqualTo(ShippedMigrations.count());

            PostgresPersistence persistence = new PostgresPersistence(fresh);
            LocalSite site = persistence
                    .transactions()
                    .inTransaction(() -> persistence.sites().get());
            assertThat(site.name()).isEqualTo("Guestlist");
            assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
            assertThat(site.maxInvitesPerUser()).isEqualTo(10);
            assertThat(site.applicationQuestion()).isEmpty();
            assertThat(site.inviteMinAccountAgeHours()).isZero();
            assertThat(site.invitesPerUserPerDay()).isZero();
            assertThat(site.inviteSignupsPerDay()).isZero();
            assertThat(site.invitesSkipApplication()).isTrue();
            assertThat(persistence
                            .transactions()
                            .inTransaction(() -> persistence.users().anyAdmin()))
                    .isFalse();
        } finally {
            sql.sql("DROP DATABASE " + database + " WITH (FORCE)").update();
        }
    }

    /**
     * Several processes migrate at once, also through PgBouncer (TwoProcessesIT), because Flyway's
     * lock is held by the migrating transaction, not by the session.
     */
    @Test
    void flywayLocksWithinTheMigratingTransaction() {
        assertThat(Migrations.configuration(TestDatabase.dataSource())
                        .getPluginRegister()
                        .getExact(PostgreSQLConfigurationExtension.class)
                        .isTransactionalLock())
                .isTrue();
    }
}
