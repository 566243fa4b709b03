package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.BanPersonCommand;
import guestlist.application.port.in.BanPersonResult;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.service.BanPersonService;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.PersonId;
import guestlist.domain.account.Username;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A branch larger than one batch of {@link BanPersonService#BATCH_SIZE}: a member with 12,000
 * accounts below it (120 invited by it, 99 or 100 below each of those; a few of them admins), each
 * holding an invite, one in ten logged in. Banned through the use case as the server runs it, in
 * three batches a pass, alone and while registrations through the branch's invites (and one outside
 * it) race it in two processes.
 */
class LargeBranchBanTest {

    private static final int BELOW = 12_000;
    private static final int FIRST_LEVEL = 120;

    private static final Map<String, AtomicInteger> RACE_OUTCOMES = new ConcurrentHashMap<>();

    private TwoProcesses processes;
    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private LocalUser admin;
    private long top;
    private long outsider;

    @BeforeEach
    void seedTheBranch() {
        processes = new TwoProcesses();
        PostgresPersistence persistence = processes.process.persistence;
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
        persistence
                .transactions()
                .run(() -> persistence
                        .sites()
                        .save(persistence
                                .sites()
                                .get()
                                .edit(new SiteChanges(
                                        Optional.empty(),
                                        Optional.of(RegistrationMode.REQUIRE_INVITATION),
                                        Optional.empty(),
                                        Optional.empty()))));
        top = processes.member("top", "hash").id().value();
        outsider = processes.member("outsider", "hash").id().value();
        // through the triggers, as registrations would: the closure table and the invitee counts
        sql.sql("""
                        INSERT INTO local_user (name, password_hash, accepted_application, invited_by_local_user_id)
                        SELECT 'l1_' || g, 'hash', true, :top FROM generate_series(1, :n) g""").param("top", top).param("n", FIRST_LEVEL).update();
        long firstLevel = count("SELECT min(id) FROM local_user WHERE invited_by_local_user_id = :top");
        sql.sql("""
                        INSERT INTO local_user (name, password_hash, accepted_application, invited_by_local_user_id, admin)
                        SELECT 'l2_' || g, 'hash', true, :firstLevel + g % :first, g % 2000 = 0
                          FROM generate_series(1, :n) g""")
                .param("firstLevel", firstLevel)
                .param("first", FIRST_LEVEL)
                .param("n", BELOW - FIRST_LEVEL)
                .update();
        sql.sql("""
                        INSERT INTO local_user_invite (token, local_user_id)
                        SELECT md5('invite' || id), id FROM local_user WHERE name <> 'root'""").update();
        sql.sql("""
                        INSERT INTO login_token (token_hash, local_user_id)
                        SELECT md5('session' || id), id FROM local_user WHERE id % 10 = 0""").update();
        sql.sql("ANALYZE").update();
    }

    @AfterEach
    void closePools() {
        processes.close();
    }

    @AfterAll
    static void report() {
        System.out.printf("LargeBranchBanTest: registrations over all repetitions: %s%n", new TreeMap<>(RACE_OUTCOMES));
    }

    private long count(String query) {
        return sql.sql(query).param("top", top).query(Long.class).single();
    }

    /** The branch below {@code top} and {@code top}, by the chains of inviters (not the closure table). */
    private List<Long> branch() {
        return sql.sql("""
                        WITH RECURSIVE below (id) AS (
                            SELECT :top::bigint
                            UNION
                            SELECT u.id FROM local_user u JOIN below b ON u.invited_by_local_user_id = b.id
                        )
                        SELECT b.id FROM below b JOIN local_user u ON u.id = b.id WHERE NOT u.admin ORDER BY b.id""").param("top", top).query(Long.class).list();
    }

    private List<Long> banned() {
        return sql.sql("SELECT id FROM local_user WHERE banned_at IS NOT NULL ORDER BY id")
                .query(Long.class)
                .list();
    }

    private BanPersonResult ban(BanPersonService service) {
        return service.banPerson(new BanPersonCommand(admin, new PersonId(top), true, "ring", Optional.empty(), true));
    }

    /** The ban as the server runs it, counting its batches. */
    private BanPersonService service(Services services, List<ModerationRepository.Batch> batches) {
        PostgresPersistence persistence = services.persistence;
        return new BanPersonService(
                persistence.transactions(),
                persistence.users(),
                new Counting(persistence.moderation(), batches),
                Clock.systemUTC());
    }

    @Test
    void aBranchOfThreeBatchesIsBannedWholeAndLoggedOnce() {
        long admins = count("SELECT count(*) FROM local_user WHERE admin AND name LIKE 'l2\\_%'");
        List<ModerationRepository.Batch> batches = new CopyOnWriteArrayList<>();

        BanPersonResult result = ban(service(processes.process, batches));

        assertThat(admins).isEqualTo(5);
        assertThat(result.affectedAccounts())
                .as("the top and its branch, admins left out")
                .isEqualTo(1 + BELOW - 5);
        assertThat(result.revokedInvites()).isEqualTo(1 + BELOW - 5);
        assertThat(batches)
                .as("two passes of three batches (5,000, 5,000, 2,001 places)")
                .extracting(ModerationRepository.Batch::examined)
                .containsExactly(5_000, 5_000, 2_001, 5_000, 5_000, 2_001);
        assertThat(banned()).containsExactlyElementsOf(branch());
        assertThat(count("""
                        SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id
                        WHERE u.banned_at IS NOT NULL""")).isZero();
        assertThat(count("""
                        SELECT count(*) FROM login_token t JOIN local_user u ON u.id = t.local_user_id
                        WHERE u.banned_at IS NOT NULL""")).isZero();
        assertThat(count("SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id"
                        + " WHERE u.admin OR u.name = 'outsider'"))
                .as("the admins' and the outsider's invites stay")
                .isEqualTo(6);
        assertThat(sql.sql("SELECT affected_accounts || ' ' || revoked_invites FROM moderation_log")
                        .query(String.class)
                        .list())
                .containsExactly((1 + BELOW - 5) + " " + (1 + BELOW - 5));
    }

    /**
     * Registrations through invites of every part of the branch (each batch's) and of the outsider,
     * in two processes, each at a random moment while the ban runs: every account that exists afterwards below the top is
     * banned, each registration through the branch made such an account or was refused, nothing is
     * half-written, and the one log line counts every account banned.
     */
    @RepeatedTest(5)
    void registrationsRacingABanOfSeveralBatchesLeaveNoNewcomerUnbanned() throws Exception {
        List<String> branchTokens = sql.sql("""
                        SELECT i.token FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id
                        WHERE NOT u.admin AND u.name <> 'outsider' AND u.id % 500 = 7 ORDER BY u.id""").query(String.class).list();
        String outsiders = sql.sql("SELECT token FROM local_user_invite WHERE local_user_id = :outsider")
                .param("outsider", outsider)
                .query(String.class)
                .single();
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        List<BanPersonResult> bans = new CopyOnWriteArrayList<>();
        Map<String, Long> ended = Race.run(branchTokens.size() + 3, i -> {
            if (i == 0) {
                return () -> {
                    bans.add(ban(service(processes.process, new CopyOnWriteArrayList<>())));
                    return null;
                };
            }
            // spread over the time the ban takes (a few hundred milliseconds), so that they meet it
            // before, at and after each batch
            long delayMillis = ThreadLocalRandom.current().nextLong(400);
            boolean outside = i <= 2;
            String token = outside ? outsiders : branchTokens.get(i - 3);
            Services services = i % 2 == 0 ? processes.process : processes.otherProcess;
            return () -> {
                Thread.sleep(delayMillis);
                String kind = outside ? "outside" : "branch";
                try {
                    services.register("racer" + i, Optional.empty(), Optional.of(token));
                    outcomes.merge(kind + " won", 1L, Long::sum);
                    return null;
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
        assertThat(outcomes.get("outside won")).isEqualTo(2);
        outcomes.forEach((kind, n) ->
                RACE_OUTCOMES.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(n.intValue()));
        long branchWon = outcomes.getOrDefault("branch won", 0L);
        List<Long> branch = branch();
        assertThat(branch).hasSize(1 + BELOW - 5 + (int) branchWon);
        assertThat(banned()).as("everyone in the branch, nobody else").containsExactlyElementsOf(branch);
        assertThat(count("SELECT count(*) FROM local_user WHERE name LIKE 'racer%'"))
                .isEqualTo(branchWon + 2);
        assertThat(bans)
                .singleElement()
                .satisfies(result -> assertThat(result.affectedAccounts()).isEqualTo(branch.size()));
        assertThat(sql.sql("SELECT affected_accounts FROM moderation_log")
                        .query(Long.class)
                        .list())
                .containsExactly((long) branch.size());
        assertThat(count("""
                        SELECT count(*) FROM local_user_invite i JOIN local_user u ON u.id = i.local_user_id
                        WHERE u.banned_at IS NOT NULL""")).isZero();
        assertThat(count("""
                        SELECT count(*) FROM login_token t JOIN local_user u ON u.id = t.local_user_id
                        WHERE u.banned_at IS NOT NULL"""))
                .as("the sessions the winners opened at registration too")
                .isZero();
        assertThat(count("""
                        SELECT count(*) FROM local_user u
                        WHERE u.invitee_count <> (SELECT count(*) FROM local_user i WHERE i.invited_by_local_user_id = u.id)""")).as("nothing half-written: invitee counts").isZero();
        assertThat(count("SELECT count(*) FROM invite_branch WHERE ancestor_id = :top"))
                .as("nothing half-written: the closure table holds the whole branch")
                .isEqualTo(BELOW + branchWon);
    }

    /** Passes every call on, and keeps each batch of a ban. */
    private record Counting(ModerationRepository delegate, List<ModerationRepository.Batch> batches)
            implements ModerationRepository {

        @Override
        public void serialize() {
            delegate.serialize();
        }

        @Override
        public Batch ban(Scope scope, Ban ban, Instant now, Optional<Position> after, int limit) {
            Batch batch = delegate.ban(scope, ban, now, after, limit);
            batches.add(batch);
            return batch;
        }

        @Override
        public Batch unban(Scope scope, Instant now, Optional<Position> after, int limit) {
            return delegate.unban(scope, now, after, limit);
        }

        @Override
        public Revoked revokeInvites(Scope scope) {
            return delegate.revokeInvites(scope);
        }

        @Override
        public long setInvitePermission(Scope scope, InvitePermission permission) {
            return delegate.setInvitePermission(scope, permission);
        }

        @Override
        public ModerationEntry append(ModerationEntry.New entry) {
            return delegate.append(entry);
        }

        @Override
        public List<ModerationEntry> log(Optional<PagePosition> before, int limit) {
            return delegate.log(before, limit);
        }
    }
}
