package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Races settled by the database, through the real services on the PostgreSQL adapter: each
 * "process" is a {@link PostgresPersistence} on a pool of its own. The counts are exact: the
 * tests do not depend on timing, only on the row locks.
 */
class InviteRaceTest {

    private TwoProcesses processes;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private Services process;
    private Services otherProcess;
    private LocalUser creator;

    @BeforeEach
    void setUp() {
        processes = new TwoProcesses();
        process = processes.process;
        otherProcess = processes.otherProcess;
        creator = processes.member("creator", "hash");
    }

    @AfterEach
    void closePools() {
        processes.close();
    }

    private void siteSettings(RegistrationMode mode, Optional<Integer> cap) {
        var persistence = process.persistence;
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), cap))));
    }

    private long count(String query) {
        return sql.sql(query)
                .param("creator", creator.id().value())
                .query(Long.class)
                .single();
    }

    private long invitedAccounts() {
        return count("SELECT count(*) FROM local_user WHERE invited_by_local_user_id = :creator");
    }

    private boolean inviteExists(Invite invite) {
        return sql.sql("SELECT EXISTS (SELECT 1 FROM local_user_invite WHERE id = :id)")
                .param("id", invite.id().value())
                .query(Boolean.class)
                .single();
    }

    @Test
    void lastUsesRaceHasExactlyMaxUsesWinners() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.of(5));

        Map<String, Long> outcomes = Race.run(40, i -> () -> process.registerWithInvite("racer" + i, invite));

        assertThat(outcomes).containsOnly(entry(Race.WON, 5L), entry(Rule.INVITE_NOT_USABLE.name(), 35L));
        assertThat(invitedAccounts()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM local_user WHERE id <> :creator"))
                .isEqualTo(5);
        assertThat(count("SELECT count(*) FROM login_token WHERE local_user_id <> :creator"))
                .isEqualTo(5);
        assertThat(inviteExists(invite)).isFalse();
    }

    @Test
    void lastUsesRaceAcrossTwoProcessesHasExactlyMaxUsesWinners() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.of(3));

        Map<String, Long> outcomes =
                Race.run(30, i -> () -> (i % 2 == 0 ? process : otherProcess).registerWithInvite("racer" + i, invite));

        assertThat(outcomes).containsOnly(entry(Race.WON, 3L), entry(Rule.INVITE_NOT_USABLE.name(), 27L));
        assertThat(invitedAccounts()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM local_user WHERE id <> :creator"))
                .isEqualTo(3);
        assertThat(inviteExists(invite)).isFalse();
    }

    @Test
    void usesOfAnUnlimitedInviteRaceWithoutLosingACount() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.empty());

        Map<String, Long> outcomes =
                Race.run(20, i -> () -> (i % 2 == 0 ? process : otherProcess).registerWithInvite("racer" + i, invite));

        assertThat(outcomes).containsOnly(entry(Race.WON, 20L));
        assertThat(invitedAccounts()).isEqualTo(20);
        assertThat(usesOf(invite)).isEqualTo(20);
    }

    @Test
    void concurrentCreatesNeverExceedTheCap() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_APPLICATION, Optional.of(4));

        Map<String, Long> outcomes = Race.run(30, i -> () -> process.createInvite(creator, Optional.of(1)));

        assertThat(outcomes).containsOnly(entry(Race.WON, 4L), entry(Rule.INVITE_CAP_REACHED.name(), 26L));
        assertThat(count("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creator"))
                .isEqualTo(4);
    }

    @Test
    void concurrentCreatesInTwoProcessesNeverExceedTheCap() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_APPLICATION, Optional.of(4));

        Map<String, Long> outcomes =
                Race.run(30, i -> () -> (i % 2 == 0 ? process : otherProcess).createInvite(creator, Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 4L), entry(Rule.INVITE_CAP_REACHED.name(), 26L));
        assertThat(count("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creator"))
                .isEqualTo(4);
    }

    @Test
    void invitedRegistrationsRaceWithTheirInvitersNewInvites() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.of(25));
        Invite invite = process.createInvite(creator, Optional.of(10));

        Map<String, Long> outcomes = Race.run(
                40,
                i -> i % 2 == 0
                        ? () -> process.registerWithInvite("racer" + i, invite)
                        : () -> otherProcess.createInvite(creator, Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 30L), entry(Rule.INVITE_NOT_USABLE.name(), 10L));
        assertThat(invitedAccounts()).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creator"))
                .isEqualTo(20);
    }

    @Test
    void concurrentRegistrationsOfOneNameHaveOneWinner() throws Exception {
        siteSettings(RegistrationMode.OPEN, Optional.empty());
        String[] spellings = {"Same_Name", "same_name", "SAME_NAME", "sAME_nAME"};

        Map<String, Long> outcomes = Race.run(
                20,
                i -> () -> (i % 2 == 0 ? process : otherProcess)
                        .register(spellings[i % spellings.length], Optional.empty(), Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 1L), entry(Reason.USERNAME_TAKEN.name(), 19L));
        assertThat(sql.sql("SELECT count(*) FROM local_user WHERE lower(name) = 'same_name'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfOneEmailHaveOneWinner() throws Exception {
        siteSettings(RegistrationMode.OPEN, Optional.empty());

        Map<String, Long> outcomes = Race.run(
                20,
                i -> () -> (i % 2 == 0 ? process : otherProcess)
                        .register(
                                "racer" + i,
                                Optional.of(i % 2 == 0 ? "Same@Example.com" : "same@example.COM"),
                                Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 1L), entry(Reason.EMAIL_TAKEN.name(), 19L));
        assertThat(sql.sql("SELECT count(*) FROM local_user WHERE lower(email) = 'same@example.com'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void registrationRefusedForATakenNameConsumesNoUse() {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.of(2));
        process.registerWithInvite("alice", invite);

        Map<String, Long> outcome = attempt(() -> process.registerWithInvite("ALICE", invite));

        assertThat(outcome).containsOnly(entry(Reason.USERNAME_TAKEN.name(), 1L));
        assertThat(usesOf(invite)).isEqualTo(1);
        assertThat(invitedAccounts()).isEqualTo(1);
    }

    @Test
    void registrationRefusedForATakenEmailConsumesNoUse() {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.of(1));
        process.persistence
                .transactions()
                .run(() -> process.persistence
                        .users()
                        .add(
                                new NewUser(
                                        new Username("holder"),
                                        Optional.of(new guestlist.domain.account.EmailAddress("taken@example.com")),
                                        false,
                                        true,
                                        Optional.empty(),
                                        Instant.now()),
                                "hash"));

        Map<String, Long> outcome = attempt(() -> process.register(
                "newcomer",
                Optional.of("TAKEN@example.com"),
                Optional.of(invite.token().value())));

        assertThat(outcome).containsOnly(entry(Reason.EMAIL_TAKEN.name(), 1L));
        assertThat(usesOf(invite)).isZero();
        assertThat(invitedAccounts()).isZero();
    }

    /**
     * The registration passes the early name check, then loses the name to a transaction that
     * commits first: its insert fails on the unique index after the invite's use was taken in the
     * same transaction, and the rollback gives the use back.
     */
    @Test
    void registrationLosingTheNameAtTheUniqueIndexConsumesNoUse() throws Exception {
        siteSettings(RegistrationMode.REQUIRE_INVITATION, Optional.empty());
        Invite invite = process.createInvite(creator, Optional.of(1));
        try (Connection other = TestDatabase.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(
                    "INSERT INTO local_user (name, password_hash, accepted_application) VALUES ('Taken_Later', 'x', true)")) {
                insert.executeUpdate();
            }
            CompletableFuture<Map<String, Long>> registration = CompletableFuture.supplyAsync(
                    () -> attempt(() -> process.registerWithInvite("taken_later", invite)));
            awaitBlockedOnALock();
            other.commit();

            assertThat(registration.get(30, TimeUnit.SECONDS)).containsOnly(entry(Reason.USERNAME_TAKEN.name(), 1L));
        }
        assertThat(usesOf(invite)).isZero();
        assertThat(invitedAccounts()).isZero();
    }

    /** Waits until some backend waits for a lock (the registration's insert behind the open transaction). */
    private void awaitBlockedOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sql.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the registration never waited for the other transaction");
            }
            Thread.sleep(10);
        }
    }

    private int usesOf(Invite invite) {
        return sql.sql("SELECT uses_count FROM local_user_invite WHERE id = :id")
                .param("id", invite.id().value())
                .query(Integer.class)
                .single();
    }

    private static Map<String, Long> attempt(Runnable registration) {
        try {
            registration.run();
            return Map.of(Race.WON, 1L);
        } catch (guestlist.domain.Refusal refused) {
            return Map.of(refused.rule().name(), 1L);
        } catch (guestlist.application.port.in.UseCaseFailure failed) {
            return Map.of(failed.reason().name(), 1L);
        }
    }
}
