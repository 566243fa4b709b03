package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ChangeInvitePermissionCommand;
import guestlist.application.port.in.RevokeAllInvitesCommand;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.invite.Invite;
import guestlist.domain.site.SiteChanges;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Branch actions on the right to invite racing what the branch's members do at the same moment,
 * through the real services on PostgreSQL in two "processes" (each a {@link PostgresPersistence}
 * on a pool of its own): members creating invites, newcomers registering with the branch's
 * invites. Whatever the interleaving, afterwards every invite that exists belongs to an account
 * that may invite; an action withdrawing the right reaches every account that is in the branch
 * when it commits; each count in its log line is exact; and nobody waits for a lock in a circle
 * (a deadlock would end a contender with an error, which fails the race).
 */
class InvitePermissionRaceTest {

    private static final int CONTENDERS = 40;

    private TwoProcesses processes;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private Services process;
    private Services otherProcess;
    private LocalUser admin;
    private LocalUser spammer;

    /** The spammer's branch with the spammer: spammer -> {r1 -> {r11, r12}, r2 -> r21, r3, r4}. */
    private final List<LocalUser> branch = new ArrayList<>();

    /** The unlimited invite each inviter of the branch brought its invitees in with; they still exist. */
    private final List<Invite> branchInvites = new ArrayList<>();

    private final AtomicInteger newcomers = new AtomicInteger();

    @BeforeEach
    void setUp() {
        processes = new TwoProcesses();
        process = processes.process;
        otherProcess = processes.otherProcess;
        PostgresPersistence persistence = process.persistence;
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(1_000)))));
        admin = persistence
                .transactions()
                .inTransaction(() -> persistence
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
        LocalUser founder = processes.member("founder", "hash");
        spammer = invitedBy(founder, "spammer");
        LocalUser r1 = invitedBy(spammer, "ring1");
        LocalUser r2 = invitedBy(spammer, "ring2");
        branch.addAll(List.of(
                spammer,
                r1,
                r2,
                invitedBy(spammer, "ring3"),
                invitedBy(spammer, "ring4"),
                invitedBy(r1, "ring11"),
                invitedBy(r1, "ring12"),
                invitedBy(r2, "ring21")));
    }

    @AfterEach
    void closePools() {
        processes.close();
    }

    private final Map<Long, Invite> invitesOf = new HashMap<>();

    private LocalUser invitedBy(LocalUser inviter, String name) {
        Invite invite = invitesOf.computeIfAbsent(inviter.id().value(), id -> {
            Invite created = process.createInvite(inviter, Optional.empty());
            if (!inviter.name().value().equals("founder")) {
                branchInvites.add(created);
            }
            return created;
        });
        String session = process.registerWithInvite(name, invite).sessionToken().orElseThrow();
        return process.useCases.authenticate().authenticate(session);
    }

    private Services either(int i) {
        return i % 2 == 0 ? process : otherProcess;
    }

    private void setRight(Services services, boolean canInvite, String reason) {
        services.useCases
                .changeInvitePermission()
                .changeInvitePermission(
                        new ChangeInvitePermissionCommand(admin, spammer.id(), canInvite, true, reason));
    }

    private void createInvite(int i) {
        either(i).createInvite(branch.get(i % branch.size()), Optional.empty());
    }

    private void registerThroughTheBranch(int i) {
        either(i)
                .registerWithInvite(
                        "newcomer" + newcomers.incrementAndGet(), branchInvites.get(i % branchInvites.size()));
    }

    private long count(String query) {
        return sql.sql(query)
                .param("spammer", spammer.id().value())
                .query(Long.class)
                .single();
    }

    /** The invariant: no invite exists whose creator may not invite. */
    private long invitesOfAccountsThatMayNotInvite() {
        return count("""
                SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id
                 WHERE NOT u.can_invite""");
    }

    private long branchAccountsThatMayInvite() {
        return count("""
                SELECT count(*) FROM local_user u
                 WHERE u.can_invite
                   AND (u.id = :spammer
                        OR u.id IN (SELECT descendant_id FROM invite_branch WHERE ancestor_id = :spammer))""");
    }

    private long branchInvitesLeft() {
        return count("""
                SELECT count(*) FROM local_user_invite i
                 WHERE i.local_user_id = :spammer
                    OR i.local_user_id IN (SELECT descendant_id FROM invite_branch WHERE ancestor_id = :spammer)""");
    }

    private Map<String, Object> lastLogLine() {
        return sql.sql("SELECT * FROM moderation_log ORDER BY id DESC LIMIT 1")
                .query()
                .singleRow();
    }

    /**
     * The order that keeps registrations and moderation out of each other's way: a registration
     * locks the invite's creator before the invite. While another transaction holds the creator,
     * the registration waits, holding nothing of the invite.
     */
    @Test
    void aRegistrationLocksTheInvitesCreatorBeforeTheInvite() throws Exception {
        Invite invite = branchInvites.get(0);
        try (Connection moderator = TestDatabase.dataSource().getConnection();
                Connection bystander = TestDatabase.dataSource().getConnection()) {
            moderator.setAutoCommit(false);
            try (Statement lock = moderator.createStatement()) {
                lock.execute("SELECT id FROM local_user WHERE id = "
                        + invite.creatorId().value() + " FOR NO KEY UPDATE");
            }
            CompletableFuture<Optional<String>> registration = CompletableFuture.supplyAsync(
                    () -> process.registerWithInvite("waiting", invite).sessionToken());
            awaitBlockedOnALock();

            bystander.setAutoCommit(false);
            try (Statement invites = bystander.createStatement()) {
                invites.execute("SELECT id FROM local_user_invite WHERE id = "
                        + invite.id().value() + " FOR UPDATE NOWAIT");
            } finally {
                bystander.rollback();
            }
            moderator.rollback();

            assertThat(registration.get(30, TimeUnit.SECONDS)).isPresent();
        }
    }

    /** Waits until some backend waits for a lock. */
    private void awaitBlockedOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sql.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the registration never waited for the creator's lock");
            }
            Thread.sleep(10);
        }
    }

    @RepeatedTest(5)
    void withdrawingTheRightRacingTheMembersInviteCreationsLeavesNoInviteMadeBeforeIt() throws Exception {
        Map<String, Long> outcomes = Race.run(
                CONTENDERS,
                i -> i == 0
                        ? () -> {
                            setRight(process, false, "a spam ring");
                            return null;
                        }
                        : () -> {
                            createInvite(i);
                            return null;
                        });

        assertThat(outcomes.keySet()).isSubsetOf(Set.of(Race.WON, Rule.INVITES_DISABLED.name()));
        long createdBefore = outcomes.get(Race.WON) - 1;
        assertThat(outcomes.getOrDefault(Rule.INVITES_DISABLED.name(), 0L)).isEqualTo(CONTENDERS - 1 - createdBefore);
        assertThat(invitesOfAccountsThatMayNotInvite()).isZero();
        assertThat(branchInvitesLeft()).isZero();
        assertThat(branchAccountsThatMayInvite()).isZero();
        Map<String, Object> line = lastLogLine();
        assertThat(line.get("action")).isEqualTo("disable_invites");
        assertThat(((Number) line.get("affected_accounts")).longValue()).isEqualTo(branch.size());
        assertThat(((Number) line.get("revoked_invites")).longValue())
                .as("the invites the branch was built with and every invite created before the change")
                .isEqualTo(branchInvites.size() + createdBefore);
    }

    @RepeatedTest(5)
    void withdrawingTheRightRacingRegistrationsThroughTheBranchsInvitesReachesEveryNewcomer() throws Exception {
        Map<String, Long> outcomes = Race.run(
                CONTENDERS,
                i -> i == 0
                        ? () -> {
                            setRight(otherProcess, false, "a spam ring");
                            return null;
                        }
                        : i % 3 == 0
                                ? () -> {
                                    createInvite(i);
                                    return null;
                                }
                                : () -> {
                                    registerThroughTheBranch(i);
                                    return null;
                                });

        assertThat(outcomes.keySet())
                .isSubsetOf(Set.of(Race.WON, Rule.INVITES_DISABLED.name(), Rule.INVITE_NOT_USABLE.name()));
        long joined = count("SELECT count(*) FROM local_user WHERE name LIKE 'newcomer%'");
        assertThat(count("""
                        SELECT count(*) FROM local_user u
                         WHERE u.name LIKE 'newcomer%'
                           AND u.id IN (SELECT descendant_id FROM invite_branch WHERE ancestor_id = :spammer)""")).as("every newcomer joined the branch").isEqualTo(joined);
        assertThat(branchAccountsThatMayInvite())
                .as("a newcomer who joined before the change lost the right with the branch")
                .isZero();
        assertThat(invitesOfAccountsThatMayNotInvite()).isZero();
        assertThat(branchInvitesLeft()).isZero();
        assertThat(((Number) lastLogLine().get("affected_accounts")).longValue())
                .isEqualTo(branch.size() + joined);
    }

    @RepeatedTest(5)
    void withdrawingAndGivingBackTheRightRacingCreationsLeavesOnlyInvitesOfAccountsThatMayInvite() throws Exception {
        Map<String, Long> outcomes = Race.run(
                CONTENDERS,
                i -> i == 0
                        ? () -> {
                            setRight(process, false, "a spam ring");
                            return null;
                        }
                        : i == 1
                                ? () -> {
                                    setRight(otherProcess, true, "a misunderstanding");
                                    return null;
                                }
                                : () -> {
                                    createInvite(i);
                                    return null;
                                });

        assertThat(outcomes.keySet()).isSubsetOf(Set.of(Race.WON, Rule.INVITES_DISABLED.name()));
        assertThat(invitesOfAccountsThatMayNotInvite()).isZero();
        boolean endsDisabled = "disable_invites".equals(lastLogLine().get("action"));
        if (endsDisabled) {
            assertThat(branchAccountsThatMayInvite()).isZero();
            assertThat(branchInvitesLeft()).isZero();
        } else {
            assertThat(branchAccountsThatMayInvite()).isEqualTo(branch.size());
        }
    }

    @RepeatedTest(5)
    void revokingAllRacingRegistrationsAndCreationsNeverDeadlocks() throws Exception {
        Map<String, Long> outcomes = Race.run(
                CONTENDERS,
                i -> i == 0
                        ? () -> either(i)
                                .useCases
                                .revokeAllInvites()
                                .revokeAllInvites(new RevokeAllInvitesCommand(admin, spammer.id(), true, "spam"))
                        : i % 3 == 0
                                ? () -> {
                                    createInvite(i);
                                    return null;
                                }
                                : () -> {
                                    registerThroughTheBranch(i);
                                    return null;
                                });

        assertThat(outcomes.keySet()).isSubsetOf(Set.of(Race.WON, Rule.INVITE_NOT_USABLE.name()));
        assertThat(count("""
                        SELECT count(*) FROM local_user_invite i
                         WHERE i.id IN (:ids)""".replace(
                        ":ids",
                        branchInvites.stream()
                                .map(invite -> String.valueOf(invite.id().value()))
                                .reduce((a, b) -> a + ", " + b)
                                .orElseThrow())))
                .as("the branch's invites that existed before are gone")
                .isZero();
    }
}
