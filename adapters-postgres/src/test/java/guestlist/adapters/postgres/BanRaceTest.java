package guestlist.adapters.postgres;

import static guestlist.testsupport.Credentials.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.BanPersonResult;
import guestlist.application.service.BanPersonService;
import guestlist.application.service.BatchPacing;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Branch bans racing registrations, log-ins, invite creations and each other, through the real
 * use cases on PostgreSQL in two "processes" (a {@link PostgresPersistence} on a pool of its own
 * each), on this tree of members, each holding one unlimited invite:
 *
 * <pre>
 * top ─┬─ a1 ─┬─ b1 ── c1 ── d1
 *      │      └─ b2
 *      └─ a2 ── b3
 * outsider ── o1          (another tree, never reached)
 * </pre>
 *
 * The staged tests fix one interleaving each with a transaction held open on a connection of its
 * own; the repeated ones let the threads race and check what must hold whatever the interleaving.
 */
class BanRaceTest {

    private static final int REGISTRATIONS = 24;
    private static final Map<String, AtomicInteger> RACE_OUTCOMES = new LinkedHashMap<>();

    private TwoProcesses processes;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private Services process;
    private Services otherProcess;
    private LocalUser admin;
    private final Map<String, LocalUser> members = new LinkedHashMap<>();
    private final Map<String, Invite> invites = new LinkedHashMap<>();

    @BeforeEach
    void growTheTree() {
        processes = new TwoProcesses();
        process = processes.process;
        otherProcess = processes.otherProcess;
        admin = process.persistence
                .transactions()
                .inTransaction(() -> process.persistence
                        .users()
                        .add(
                                new NewUser(
                                        new Username("root"),
                                        Optional.empty(),
                                        true,
                                        true,
                                        Optional.empty(),
                                        Instant.now()),
                                "hash"));
        siteMode(RegistrationMode.REQUIRE_INVITATION);
        members.put("top", processes.member(userName("top"), new ReversingPasswordHasher().hash(PASSWORD)));
        members.put("outsider", processes.member(userName("outsider"), new ReversingPasswordHasher().hash(PASSWORD)));
        invite("top");
        invite("outsider");
        join("a1", "top");
        join("a2", "top");
        join("b1", "a1");
        join("b2", "a1");
        join("b3", "a2");
        join("c1", "b1");
        join("d1", "c1");
        join("o1", "outsider");
    }

    @AfterEach
    void closePools() {
        processes.close();
    }

    @AfterAll
    static void report() {
        System.out.printf("BanRaceTest: registrations through the branch over all repetitions: %s%n", RACE_OUTCOMES);
    }

    private void siteMode(RegistrationMode mode) {
        PostgresPersistence persistence = process.persistence;
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()))));
    }

    private void invite(String creator) {
        invites.put(creator, process.createInvite(members.get(creator), Optional.empty()));
    }

    private void join(String name, String inviter) {
        String session = process.registerWithInvite(userName(name), invites.get(inviter))
                .sessionToken()
                .orElseThrow();
        members.put(name, process.useCases.authenticate().authenticate(session));
        invite(name);
    }

    /** The user name of the member the tree calls {@code key}: user names have 3 characters at least. */
    private static String userName(String key) {
        return "user_" + key;
    }

    private List<String> branch() {
        return List.of("top", "a1", "a2", "b1", "b2", "b3", "c1", "d1");
    }

    private BanPersonResult ban(Services services, String target, String reason) {
        return services.useCases
                .banPerson()
                .banPerson(new BanPersonCommand(
                        admin, members.get(target).personId(), true, reason, Optional.empty(), true));
    }

    /** A branch ban through the use case with batches of {@code batchSize} accounts. */
    private BanPersonResult banInBatches(Services services, int batchSize, String target, String reason) {
        PostgresPersistence persistence = services.persistence;
        return new BanPersonService(
                        persistence.transactions(),
                        persistence.users(),
                        persistence.moderation(),
                        Clock.systemUTC(),
                        batchSize,
                        BatchPacing.halfTheTime())
                .banPerson(new BanPersonCommand(
                        admin, members.get(target).personId(), true, reason, Optional.empty(), true));
    }

    private long count(String query, Object... parameters) {
        JdbcClient.StatementSpec statement = sql.sql(query);
        for (Object parameter : parameters) {
            statement = statement.param(parameter);
        }
        return statement.query(Long.class).single();
    }

    /**
     * The accounts whose chain of inviters reaches {@code top}, and {@code top}: read from
     * {@code invited_by_local_user_id} with a recursive query, not from the closure table the
     * ban reads.
     */
    private List<Long> branchOf(String top) {
        return sql.sql("""
                        WITH RECURSIVE below (id) AS (
                            SELECT :top::bigint
                            UNION
                            SELECT u.id FROM local_user u JOIN below b ON u.invited_by_local_user_id = b.id
                        )
                        SELECT id FROM below ORDER BY id""")
                .param("top", members.get(top).id().value())
                .query(Long.class)
                .list();
    }

    private List<Long> bannedForever() {
        return sql.sql("SELECT id FROM local_user WHERE banned_at IS NOT NULL AND ban_expires_at IS NULL ORDER BY id")
                .query(Long.class)
                .list();
    }

    /** Whatever the interleaving, nothing half-written: every derived row agrees with the accounts. */
    private void assertConsistent() {
        assertThat(count("""
                        SELECT count(*) FROM local_user u
                        WHERE u.invitee_count <> (SELECT count(*) FROM local_user i WHERE i.invited_by_local_user_id = u.id)""")).as("invitee counts").isZero();
        assertThat(count("""
                        WITH RECURSIVE chain (ancestor_id, descendant_id, depth) AS (
                            SELECT invited_by_local_user_id, id, 1 FROM local_user WHERE invited_by_local_user_id IS NOT NULL
                            UNION ALL
                            SELECT u.invited_by_local_user_id, c.descendant_id, c.depth + 1
                            FROM chain c JOIN local_user u ON u.id = c.ancestor_id
                            WHERE u.invited_by_local_user_id IS NOT NULL
                        )
                        SELECT count(*) FROM (
                            (SELECT * FROM chain EXCEPT SELECT * FROM invite_branch)
                            UNION ALL
                            (SELECT * FROM invite_branch EXCEPT SELECT * FROM chain)
                        ) differing"""))
                .as("the closure table holds exactly the chains of inviters")
                .isZero();
        assertThat(count("""
                        SELECT count(*) FROM local_user_invite i
                        WHERE i.uses_count <> (SELECT count(*) FROM local_user u WHERE u.invited_by_local_user_id = i.local_user_id)"""))
                .as("each member holds one invite: its uses are its invitees, no use without its account")
                .isZero();
        assertThat(count("""
                        SELECT count(*) FROM local_user u
                        WHERE u.id <> (SELECT min(id) FROM local_user)
                          AND u.invited_by_local_user_id IS NULL AND u.name NOT IN ('user_top', 'user_outsider')"""))
                .as("every registration of the test came with an invite")
                .isZero();
        assertThat(count("SELECT count(*) FROM registration_application")).isZero();
        assertThat(count("""
                        SELECT count(*) FROM login_token t JOIN local_user u ON u.id = t.local_user_id
                        WHERE u.banned_at IS NOT NULL""")).as("no session of a banned account").isZero();
        assertThat(count("""
                        SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id
                        WHERE u.banned_at IS NOT NULL""")).as("no invite of a banned account").isZero();
    }

    // ---------------------------------------------------------------- the race

    /** The race below, with the ban as the server runs it (one batch holds the whole branch). */
    @RepeatedTest(20)
    void aBranchBanRacingRegistrationsThroughTheBranchLeavesNoNewcomerUnbanned() throws Exception {
        raceTheBanWithRegistrations(() -> ban(process, "top", "a spam ring"));
    }

    /**
     * The same race with a ban in batches of two accounts: each pass over the branch (of eight
     * before the race) takes five batches, a registration may commit behind the place a pass has
     * reached, and the ban still leaves no newcomer unbanned.
     */
    @RepeatedTest(20)
    void aBranchBanInSmallBatchesRacingRegistrationsThroughTheBranchLeavesNoNewcomerUnbanned() throws Exception {
        raceTheBanWithRegistrations(() -> banInBatches(process, 2, "top", "a spam ring"));
    }

    /**
     * A branch ban and 24 registrations through invites of every level of the branch (and of
     * another tree), released together in two processes. Afterwards every account whose inviter
     * chain reaches the top is banned, each registration through the branch either made an account
     * that is now banned or was refused with {@code INVITE_NOT_USABLE} (its invite gone or its
     * inviter banned), every registration outside the branch succeeded, and the log's one entry
     * counts exactly the branch.
     */
    private void raceTheBanWithRegistrations(Callable<BanPersonResult> theBan) throws Exception {
        List<String> inviters = List.of("top", "a1", "a2", "b1", "b2", "b3", "c1", "d1", "outsider", "o1");
        long branchInvitesBefore = branch().size();
        Map<String, Long> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

        // the ban starts up to 20 ms after the registrations, so that it meets some of them in flight
        long delayMillis = java.util.concurrent.ThreadLocalRandom.current().nextLong(21);
        Map<String, Long> ended = Race.run(REGISTRATIONS + 1, i -> {
            if (i == 0) {
                return () -> {
                    Thread.sleep(delayMillis);
                    return theBan.call();
                };
            }
            String inviter = inviters.get(i % inviters.size());
            Services services = i % 2 == 0 ? process : otherProcess;
            Callable<?> registration = () -> services.registerWithInvite("racer" + i, invites.get(inviter));
            return () -> {
                String kind = inviter.equals("outsider") || inviter.equals("o1") ? "outside" : "branch";
                try {
                    Object result = registration.call();
                    outcomes.merge(kind + " won", 1L, Long::sum);
                    return result;
                } catch (Refusal refused) {
                    outcomes.merge(kind + " " + refused.rule(), 1L, Long::sum);
                    throw refused;
                }
            };
        });

        assertThat(ended.keySet()).as("%s", ended).isSubsetOf(Race.WON, Rule.INVITE_NOT_USABLE.name());
        assertThat(outcomes.keySet())
                .as("%s", outcomes)
                .isSubsetOf("branch won", "branch INVITE_NOT_USABLE", "outside won");
        outcomes.forEach((kind, n) ->
                RACE_OUTCOMES.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(n.intValue()));
        List<Long> branch = branchOf("top");
        assertThat(branch)
                .as("the branch grew by the registrations that won through it")
                .hasSize(branch().size()
                        + outcomes.getOrDefault("branch won", 0L).intValue());
        assertThat(bannedForever()).as("everyone in the branch, nobody else").containsExactlyElementsOf(branch);
        assertThat(count("SELECT count(*) FROM local_user WHERE name LIKE 'racer%'"))
                .isEqualTo(outcomes.getOrDefault("branch won", 0L) + outcomes.getOrDefault("outside won", 0L));
        assertThat(sql.sql("SELECT action || ' ' || affected_accounts || ' ' || revoked_invites FROM moderation_log")
                        .query(String.class)
                        .list())
                .as("the log counts the whole branch: the accounts that joined it during the ban too")
                .containsExactly("ban " + branch.size() + " " + branchInvitesBefore);
        assertConsistent();
    }

    /**
     * Two branch bans, one of the other's sub-branch, with registrations through both: they finish
     * without a deadlock (PostgreSQL would abort one of them), both are logged, and every account
     * carries the reason of the ban that came last to it.
     */
    @RepeatedTest(10)
    void twoBansOfOverlappingBranchesFinishWithoutDeadlockAndAreBothLogged() throws Exception {
        Map<String, Long> ended = Race.run(12, i -> switch (i) {
            case 0 -> () -> ban(process, "top", "the whole tree");
            case 1 -> () -> ban(otherProcess, "a1", "the a1 branch");
            default ->
                () -> (i % 2 == 0 ? process : otherProcess)
                        .registerWithInvite("racer" + i, invites.get(i % 3 == 0 ? "b1" : "c1"));
        });

        assertThat(ended.get(Race.WON)).as("%s", ended).isGreaterThanOrEqualTo(2);
        assertThat(ended.keySet()).isSubsetOf(Race.WON, Rule.INVITE_NOT_USABLE.name());
        List<String> log = sql.sql("SELECT reason FROM moderation_log ORDER BY id")
                .query(String.class)
                .list();
        assertThat(log).containsExactlyInAnyOrder("the whole tree", "the a1 branch");
        assertThat(bannedForever()).containsExactlyElementsOf(branchOf("top"));
        String last = log.get(1);
        List<Long> a1Branch = branchOf("a1");
        assertThat(sql.sql("SELECT DISTINCT ban_reason FROM local_user WHERE id IN (:ids)")
                        .param("ids", a1Branch)
                        .query(String.class)
                        .list())
                .as("one reason in a1's branch, the later ban's")
                .containsExactly(last);
        assertConsistent();
    }

    /** Log-ins of branch members racing a branch ban: no session of a banned account is left. */
    @RepeatedTest(10)
    void logInsRacingABranchBanLeaveNoLiveSessionOfABannedAccount() throws Exception {
        List<String> branch = branch();
        Map<String, Long> ended = Race.run(
                21,
                i -> i == 0
                        ? () -> ban(process, "top", "gone")
                        : () -> (i % 2 == 0 ? process : otherProcess).login(userName(branch.get(i % branch.size()))));

        assertThat(ended.keySet()).as("%s", ended).isSubsetOf(Race.WON, Rule.ACCOUNT_BANNED.name());
        assertThat(count("SELECT count(*) FROM login_token t JOIN local_user u ON u.id = t.local_user_id"
                        + " WHERE u.banned_at IS NOT NULL"))
                .isZero();
        for (String member : branch) {
            assertThat(attempt(() -> process.login(userName(member)))).isEqualTo(Rule.ACCOUNT_BANNED.name());
        }
        assertConsistent();
    }

    /** Invite creations of branch members racing a branch ban: no invite of a banned account is left. */
    @RepeatedTest(10)
    void inviteCreationsRacingABranchBanLeaveNoInviteOfABannedAccount() throws Exception {
        List<String> branch = branch();
        Map<String, Long> ended = Race.run(
                21,
                i -> i == 0
                        ? () -> ban(process, "top", "gone")
                        : () -> (i % 2 == 0 ? process : otherProcess)
                                .createInvite(members.get(branch.get(i % branch.size())), Optional.of(1)));

        assertThat(ended.keySet()).as("%s", ended).isSubsetOf(Race.WON, Rule.ACCOUNT_BANNED.name());
        assertThat(count("SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id"
                        + " WHERE u.banned_at IS NOT NULL"))
                .isZero();
        assertConsistent();
    }

    // ---------------------------------------------------------------- staged interleavings

    /**
     * A registration that holds the inviter's lock when the ban reaches it: the ban waits, and the
     * account it commits, which the waiting statement's snapshot does not hold, is banned by the
     * next statement. The registration is played on a connection of its own, statement by
     * statement as {@code RegisterService} sends them, and committed while the ban waits.
     */
    @Test
    void aRegistrationHoldingTheInviterWhenTheBanArrivesIsBannedWithTheBranch() throws Exception {
        LocalUser inviter = members.get("c1");
        Invite invite = invites.get("c1");
        try (Connection registration = TestDatabase.dataSource().getConnection()) {
            registration.setAutoCommit(false);
            execute(
                    registration,
                    "SELECT id FROM local_user WHERE id = ? FOR NO KEY UPDATE",
                    inviter.id().value());
            execute(
                    registration,
                    "SELECT id FROM local_user_invite WHERE id = ? FOR UPDATE",
                    invite.id().value());
            execute(
                    registration,
                    "INSERT INTO local_user (name, password_hash, accepted_application, invited_by_local_user_id)"
                            + " VALUES ('latecomer', 'x', true, ?)",
                    inviter.id().value());
            execute(
                    registration,
                    "UPDATE local_user_invite SET uses_count = uses_count + 1 WHERE id = ?",
                    invite.id().value());

            CompletableFuture<BanPersonResult> ban =
                    CompletableFuture.supplyAsync(() -> ban(otherProcess, "top", "ring"));
            awaitBlockedOnALock();
            registration.commit();

            BanPersonResult result = ban.get(30, TimeUnit.SECONDS);
            assertThat(result.affectedAccounts())
                    .as("the eight members and the latecomer")
                    .isEqualTo(9);
        }
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'latecomer' AND banned_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(bannedForever()).containsExactlyElementsOf(branchOf("top"));
        assertThat(count(
                        "SELECT count(*) FROM local_user_invite WHERE id = ?",
                        invite.id().value()))
                .as("deleted with the branch's invites")
                .isZero();
    }

    /**
     * A registration that commits behind the place a pass has reached is banned by the next pass.
     * It holds a2 (depth 1) and has made its account (id n, depth 2) when another registration,
     * through a1, makes and commits an account of id n + 1 at the same depth. The ban's first batch
     * of seven places (top, a1, a2, b1, b2, b3 and that n + 1) is read from a snapshot without the
     * account n; it waits at a2 for the first registration to commit, and goes on past n. The next
     * batches, and so the first pass, never meet n; the second pass does, and bans it.
     */
    @Test
    void aRegistrationCommittingBehindThePassIsBannedByTheNextPass() throws Exception {
        LocalUser inviter = members.get("a2");
        Invite invite = invites.get("a2");
        try (Connection registration = TestDatabase.dataSource().getConnection()) {
            registration.setAutoCommit(false);
            execute(
                    registration,
                    "SELECT id FROM local_user WHERE id = ? FOR NO KEY UPDATE",
                    inviter.id().value());
            execute(
                    registration,
                    "SELECT id FROM local_user_invite WHERE id = ? FOR UPDATE",
                    invite.id().value());
            execute(
                    registration,
                    "INSERT INTO local_user (name, password_hash, accepted_application, invited_by_local_user_id)"
                            + " VALUES ('behind', 'x', true, ?)",
                    inviter.id().value());
            execute(
                    registration,
                    "UPDATE local_user_invite SET uses_count = uses_count + 1 WHERE id = ?",
                    invite.id().value());
            otherProcess.registerWithInvite("ahead", invites.get("a1"));
            assertThat(count("SELECT count(*) FROM local_user WHERE name = 'ahead'"
                            + " AND id > (SELECT max(id) FROM local_user WHERE name LIKE 'user\\_%')"))
                    .isEqualTo(1);

            CompletableFuture<BanPersonResult> ban =
                    CompletableFuture.supplyAsync(() -> banInBatches(otherProcess, 7, "top", "ring"));
            awaitBlockedOnALock();
            registration.commit();

            BanPersonResult result = ban.get(30, TimeUnit.SECONDS);
            assertThat(result.affectedAccounts())
                    .as("the eight members, 'ahead' and 'behind'")
                    .isEqualTo(10);
        }
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'behind' AND banned_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'behind'"
                        + " AND id < (SELECT id FROM local_user WHERE name = 'ahead')"))
                .as("'behind' lies before 'ahead' in the order of the branch")
                .isEqualTo(1);
        assertThat(bannedForever()).containsExactlyElementsOf(branchOf("top"));
        assertThat(sql.sql("SELECT affected_accounts FROM moderation_log")
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
        assertConsistent();
    }

    /**
     * A ban that holds the inviter's lock when a registration through its invite arrives: the
     * registration waits for the inviter's account without holding the invite (the order a ban
     * takes them in), then finds the inviter banned and is refused, consuming nothing. The ban is
     * played on a connection of its own and leaves the invite in place, so that the refusal is the
     * inviter's ban and not a missing invite.
     */
    @Test
    void aRegistrationArrivingWhileABanHoldsTheInviterWaitsForItAndIsRefused() throws Exception {
        LocalUser inviter = members.get("b2");
        Invite invite = invites.get("b2");
        CompletableFuture<String> registration;
        try (Connection ban = TestDatabase.dataSource().getConnection()) {
            ban.setAutoCommit(false);
            execute(
                    ban,
                    "UPDATE local_user SET banned_at = now(), ban_reason = 'ring', ban_expires_at = NULL WHERE id = ?",
                    inviter.id().value());

            registration =
                    CompletableFuture.supplyAsync(() -> attempt(() -> process.registerWithInvite("newcomer", invite)));
            awaitBlockedOnALock();
            try (Connection third = TestDatabase.dataSource().getConnection()) {
                third.setAutoCommit(false);
                execute(
                        third,
                        "SELECT id FROM local_user_invite WHERE id = ? FOR UPDATE NOWAIT",
                        invite.id().value());
                third.rollback();
            }
            ban.commit();
        }

        assertThat(registration.get(30, TimeUnit.SECONDS)).isEqualTo(Rule.INVITE_NOT_USABLE.name());
        assertThat(count("SELECT count(*) FROM local_user WHERE name = 'newcomer'"))
                .isZero();
        assertThat(count(
                        "SELECT uses_count FROM local_user_invite WHERE id = ?",
                        invite.id().value()))
                .isZero();
    }

    /** A creation of an invite waiting for a ban of its creator is refused. */
    @Test
    void anInviteCreationArrivingWhileABanHoldsTheCreatorIsRefused() throws Exception {
        LocalUser creator = members.get("a2");
        CompletableFuture<String> creation;
        try (Connection ban = TestDatabase.dataSource().getConnection()) {
            ban.setAutoCommit(false);
            execute(
                    ban,
                    "UPDATE local_user SET banned_at = now(), ban_reason = 'x', ban_expires_at = NULL WHERE id = ?",
                    creator.id().value());
            creation =
                    CompletableFuture.supplyAsync(() -> attempt(() -> process.createInvite(creator, Optional.empty())));
            awaitBlockedOnALock();
            ban.commit();
        }

        assertThat(creation.get(30, TimeUnit.SECONDS)).isEqualTo(Rule.ACCOUNT_BANNED.name());
        assertThat(count(
                        "SELECT count(*) FROM local_user_invite WHERE local_user_id = ?",
                        creator.id().value()))
                .as("its one invite from the set-up")
                .isEqualTo(1);
    }

    private static void execute(Connection connection, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.execute();
        }
    }

    /** How a call ended: {@link Race#WON} or the rule or reason that refused it. */
    private static String attempt(Callable<?> call) {
        try {
            call.call();
            return Race.WON;
        } catch (Refusal refused) {
            return refused.rule().name();
        } catch (guestlist.application.port.in.UseCaseFailure failed) {
            return failed.reason().name();
        } catch (Exception unexpected) {
            throw new AssertionError(unexpected);
        }
    }

    /** Waits until some backend waits for a lock. */
    private void awaitBlockedOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing ever waited for a lock");
            }
            Thread.sleep(10);
        }
    }
}
