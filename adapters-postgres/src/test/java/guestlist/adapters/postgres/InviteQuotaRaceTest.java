package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily invite quotas under concurrent requests, settled by the database: the real services on
 * the PostgreSQL adapter, each "process" a {@link PostgresPersistence} on a pool of its own. The
 * counts are exact: the tests depend on the locks only, never on timing.
 */
class InviteQuotaRaceTest {

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

    private void settings(RegistrationMode mode, SiteChanges quotas) {
        var persistence = process.persistence;
        SiteChanges changes = new SiteChanges(
                Optional.empty(),
                Optional.of(mode),
                Optional.empty(),
                Optional.of(1_000),
                quotas.inviteMinAccountAgeHours(),
                quotas.invitesPerUserPerDay(),
                quotas.inviteSignupsPerDay(),
                quotas.invitesSkipApplication());
        persistence
                .transactions()
                .run(() -> persistence.sites().save(persistence.sites().get().edit(changes)));
    }

    private long number(String query) {
        return sql.sql(query).query(Long.class).single();
    }

    private long creatorsInvites() {
        return sql.sql("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creator")
                .param("creator", creator.id().value())
                .query(Long.class)
                .single();
    }

    private long creatorsCreationRecords() {
        return sql.sql("SELECT count(*) FROM invite_creation WHERE local_user_id = :creator")
                .param("creator", creator.id().value())
                .query(Long.class)
                .single();
    }

    private int usesOf(Invite invite) {
        return sql.sql("SELECT uses_count FROM local_user_invite WHERE id = :id")
                .param("id", invite.id().value())
                .query(Integer.class)
                .single();
    }

    // --- invites_per_user_per_day ------------------------------------------------------------------

    @Test
    void concurrentCreatesByOneMemberNeverExceedTheDailyLimit() throws Exception {
        settings(RegistrationMode.REQUIRE_APPLICATION, SiteChanges.none().withInvitesPerUserPerDay(5));

        Map<String, Long> outcomes = Race.run(30, i -> () -> process.createInvite(creator, Optional.of(1)));

        assertThat(outcomes).containsOnly(entry(Race.WON, 5L), entry(Rule.INVITE_DAILY_LIMIT_REACHED.name(), 25L));
        assertThat(creatorsInvites()).isEqualTo(5);
        assertThat(creatorsCreationRecords()).isEqualTo(5);
    }

    @Test
    void concurrentCreatesByOneMemberInTwoProcessesNeverExceedTheDailyLimit() throws Exception {
        settings(RegistrationMode.REQUIRE_APPLICATION, SiteChanges.none().withInvitesPerUserPerDay(5));

        Map<String, Long> outcomes =
                Race.run(30, i -> () -> (i % 2 == 0 ? process : otherProcess).createInvite(creator, Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 5L), entry(Rule.INVITE_DAILY_LIMIT_REACHED.name(), 25L));
        assertThat(creatorsInvites()).isEqualTo(5);
        assertThat(creatorsCreationRecords()).isEqualTo(5);
    }

    @Test
    void theDailyLimitHoldsWhileTheCreatorsInvitesAreUsedUpConcurrently() throws Exception {
        settings(RegistrationMode.REQUIRE_INVITATION, SiteChanges.none().withInvitesPerUserPerDay(6));
        Invite single = process.createInvite(creator, Optional.of(1));
        Invite other = process.createInvite(creator, Optional.of(1));

        // the two one-use invites are used up (and deleted) while the creator asks for 20 more
        Map<String, Long> outcomes = Race.run(
                22,
                i -> i < 2
                        ? () -> otherProcess.registerWithInvite("racer" + i, i == 0 ? single : other)
                        : () -> (i % 2 == 0 ? process : otherProcess).createInvite(creator, Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 2L + 4L), entry(Rule.INVITE_DAILY_LIMIT_REACHED.name(), 16L));
        assertThat(creatorsInvites()).as("the two used up are gone").isEqualTo(4);
        assertThat(creatorsCreationRecords()).isEqualTo(6);
    }

    // --- invite_signups_per_day --------------------------------------------------------------------

    @Test
    void concurrentRegistrationsThroughOneInviteNeverExceedTheDailySignupLimit() throws Exception {
        settings(RegistrationMode.REQUIRE_INVITATION, SiteChanges.none().withInviteSignupsPerDay(7));
        Invite invite = process.createInvite(creator, Optional.of(100));

        Map<String, Long> outcomes = Race.run(40, i -> () -> process.registerWithInvite("racer" + i, invite));

        assertThat(outcomes).containsOnly(entry(Race.WON, 7L), entry(Rule.INVITE_SIGNUPS_PAUSED.name(), 33L));
        assertThat(number("SELECT count(*) FROM local_user WHERE name LIKE 'racer%'"))
                .isEqualTo(7);
        assertThat(usesOf(invite)).as("nothing consumed for the refused").isEqualTo(7);
        assertThat(number("SELECT count(*) FROM invite_signup")).isEqualTo(7);
        assertThat(number("SELECT count(*) FROM login_token")).isEqualTo(7);
    }

    @Test
    void concurrentRegistrationsThroughSeveralInvitesInTwoProcessesNeverExceedTheDailySignupLimit() throws Exception {
        settings(RegistrationMode.OPEN, SiteChanges.none().withInviteSignupsPerDay(7));
        LocalUser otherCreator = processes.member("other_creator", "hash");
        // ten invites of two members, four racers on each: the invites' row locks do not serialize
        // them, only the count's lock does; each invite has more uses than could be taken, so that
        // none is deleted and every use shows on it
        List<Invite> invites = IntStream.range(0, 10)
                .mapToObj(n -> (n % 2 == 0 ? process : otherProcess)
                        .createInvite(n < 5 ? creator : otherCreator, n % 3 == 0 ? Optional.empty() : Optional.of(10)))
                .toList();

        Map<String, Long> outcomes = Race.run(
                40,
                i -> () -> (i % 2 == 0 ? process : otherProcess)
                        .registerWithInvite("racer" + i, invites.get(i % invites.size())));

        assertThat(outcomes).containsOnly(entry(Race.WON, 7L), entry(Rule.INVITE_SIGNUPS_PAUSED.name(), 33L));
        assertThat(number("SELECT count(*) FROM local_user WHERE name LIKE 'racer%'"))
                .isEqualTo(7);
        assertThat(number("SELECT count(*) FROM local_user WHERE invited_by_local_user_id IS NOT NULL"))
                .isEqualTo(7);
        assertThat(number("SELECT count(*) FROM invite_signup")).isEqualTo(7);
        assertThat(invites.stream().mapToInt(invite -> usesOf(invite)).sum())
                .as("the invites' uses: one per account, none for the refused")
                .isEqualTo(7);
    }

    @Test
    void registrationsWithoutAnInviteRaceOnUnaffectedWhileSignupsThroughInvitesArePaused() throws Exception {
        settings(RegistrationMode.OPEN, SiteChanges.none().withInviteSignupsPerDay(3));
        Invite invite = process.createInvite(creator, Optional.empty());

        Map<String, Long> outcomes = Race.run(
                30,
                i -> () -> i % 2 == 0
                        ? process.registerWithInvite("invited" + i, invite)
                        : otherProcess.register("uninvited" + i, Optional.empty(), Optional.empty()));

        assertThat(outcomes).containsOnly(entry(Race.WON, 15L + 3L), entry(Rule.INVITE_SIGNUPS_PAUSED.name(), 12L));
        assertThat(usesOf(invite)).isEqualTo(3);
        assertThat(number("SELECT count(*) FROM invite_signup")).isEqualTo(3);
    }

    @Test
    void pendingApplicationsThroughInvitesRaceForTheSameDailySignups() throws Exception {
        settings(
                RegistrationMode.REQUIRE_APPLICATION,
                SiteChanges.none().withInviteSignupsPerDay(4).withInvitesSkipApplication(false));
        Invite invite = process.createInvite(creator, Optional.of(20));

        Map<String, Long> outcomes = Race.run(
                20,
                i -> () -> (i % 2 == 0 ? process : otherProcess)
                        .registerWithInviteAndAnswer("racer" + i, invite, "please"));

        assertThat(outcomes).containsOnly(entry(Race.WON, 4L), entry(Rule.INVITE_SIGNUPS_PAUSED.name(), 16L));
        assertThat(number("SELECT count(*) FROM registration_application")).isEqualTo(4);
        assertThat(number("SELECT count(*) FROM local_user WHERE name LIKE 'racer%' AND NOT accepted_application"
                        + " AND invited_by_local_user_id IS NOT NULL"))
                .isEqualTo(4);
        assertThat(usesOf(invite)).isEqualTo(4);
    }

    /**
     * The sign-up count's lock is taken only by registrations that present a usable invite while the
     * limit is on: with the lock held by another transaction, those wait for it and the others do not.
     */
    @Test
    void onlyRegistrationsWithAnInviteWaitForTheSignupLockAndOnlyWhileTheLimitIsOn() throws Exception {
        settings(RegistrationMode.OPEN, SiteChanges.none());
        Invite invite = process.createInvite(creator, Optional.empty());
        try (Connection holder = TestDatabase.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock('invite_signup'::regclass::oid::int, 0)");
            }

            process.registerWithInvite("limit_off", invite);
            settings(RegistrationMode.OPEN, SiteChanges.none().withInviteSignupsPerDay(10));
            process.register("no_invite", Optional.empty(), Optional.empty());
            CompletableFuture<Map<String, Long>> waiting =
                    CompletableFuture.supplyAsync(() -> attempt(() -> process.registerWithInvite("waits", invite)));
            awaitBlockedOnALock();
            assertThat(waiting).isNotDone();

            holder.commit();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).containsOnly(entry(Race.WON, 1L));
        }
        assertThat(usesOf(invite)).isEqualTo(2);
        assertThat(number("SELECT count(*) FROM invite_signup")).isEqualTo(2);
    }

    /** Waits until some backend waits for a lock. */
    private void awaitBlockedOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (number("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the registration never waited for the lock");
            }
            Thread.sleep(10);
        }
    }

    private static Map<String, Long> attempt(Runnable registration) {
        try {
            registration.run();
            return Map.of(Race.WON, 1L);
        } catch (guestlist.domain.Refusal refused) {
            return Map.of(refused.rule().name(), 1L);
        }
    }
}
