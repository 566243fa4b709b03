package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.domain.account.InviteBranch;
import guestlist.domain.account.LocalUserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The closure table {@code invite_branch}, kept by the triggers of V6, holds exactly what the
 * domain's {@link InviteBranch} walk finds over {@code local_user.invited_by_local_user_id}: one
 * row per account and inviter above it at any depth, with that depth; and {@code invitee_count}
 * is the number of direct invitees. Checked on random invite forests as they grow, and again after
 * accounts in the middle of chains are deleted (their invitees lose their inviter, and nobody above
 * reaches below any more), one at a time and several in one statement.
 */
class InviteBranchClosureTest {

    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private Random random;

    @BeforeEach
    void emptyTables() {
        TestDatabase.reset();
    }

    @AfterEach
    void emptyTablesAfter() {
        TestDatabase.reset();
    }

    /** One closure row as {@code "ancestor>descendant@depth"}, comparable as a set. */
    private static String row(long ancestor, long descendant, int depth) {
        return ancestor + ">" + descendant + "@" + depth;
    }

    private long account(Optional<Long> inviter) {
        return sql.sql("""
                        INSERT INTO local_user (name, password_hash, invited_by_local_user_id)
                        VALUES ('f' || nextval('local_user_id_seq'), 'x', :inviter) RETURNING id""")
                .param("inviter", inviter.orElse(null), java.sql.Types.BIGINT)
                .query(Long.class)
                .single();
    }

    /** Grows a forest of {@code size} accounts: a few founders, the rest invited by a random earlier account. */
    private List<Long> forest(int size, double founders) {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean founder = accounts.isEmpty() || random.nextDouble() < founders;
            // favour recent accounts as inviters, so that chains grow deep as well as wide
            Optional<Long> inviter = founder
                    ? Optional.empty()
                    : Optional.of(accounts.get(
                            random.nextBoolean()
                                    ? random.nextInt(accounts.size())
                                    : Math.max(0, accounts.size() - 1 - random.nextInt(3))));
            accounts.add(account(inviter));
        }
        return accounts;
    }

    /** {@code id -> invited_by} of every account, as stored now. */
    private Map<Long, Optional<Long>> inviters() {
        Map<Long, Optional<Long>> inviters = new HashMap<>();
        sql.sql("SELECT id, invited_by_local_user_id FROM local_user").query(rs -> {
            long id = rs.getLong(1);
            long inviter = rs.getLong(2);
            inviters.put(id, rs.wasNull() ? Optional.empty() : Optional.of(inviter));
        });
        return inviters;
    }

    private Set<String> closureTable() {
        return new TreeSet<>(sql.sql("SELECT ancestor_id, descendant_id, depth FROM invite_branch")
                .query((rs, n) -> row(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                .list());
    }

    /** The closure the domain walks from every account over the stored inviters. */
    private static Set<String> domainClosure(Map<Long, Optional<Long>> inviters) {
        Map<Long, List<LocalUserId>> invitees = new HashMap<>();
        inviters.forEach((id, inviter) -> inviter.ifPresent(
                by -> invitees.computeIfAbsent(by, ignored -> new ArrayList<>()).add(new LocalUserId(id))));
        Set<String> rows = new TreeSet<>();
        for (long top : inviters.keySet()) {
            for (InviteBranch.Member member :
                    InviteBranch.below(new LocalUserId(top), id -> invitees.getOrDefault(id.value(), List.of()))) {
                rows.add(row(top, member.id().value(), member.depth()));
            }
        }
        return rows;
    }

    private void assertClosureIsTheDomainsWalk(String when) {
        Map<Long, Optional<Long>> inviters = inviters();
        assertThat(closureTable()).as("invite_branch %s", when).isEqualTo(domainClosure(inviters));
        Map<Long, Long> direct = new HashMap<>();
        inviters.values().forEach(inviter -> inviter.ifPresent(by -> direct.merge(by, 1L, Long::sum)));
        sql.sql("SELECT id, invitee_count FROM local_user").query(rs -> {
            assertThat(rs.getLong(2))
                    .as("invitee_count of %d %s", rs.getLong(1), when)
                    .isEqualTo(direct.getOrDefault(rs.getLong(1), 0L));
        });
        assertTheDepthLookUpAgreesWithTheClosure(when);
    }

    /**
     * The adapter's look-up of how far one account is below another (a cursor's depth,
     * {@link PostgresInviteBranchRepository#DEPTH}), which counts on every ancestry running without a
     * gap up to an account without an inviter, agrees with the closure: the depth of (a sample of)
     * its rows, and nothing for (a sample of) the pairs it does not hold, each way round.
     */
    private void assertTheDepthLookUpAgreesWithTheClosure(String when) {
        List<long[]> rows = sql.sql("SELECT ancestor_id, descendant_id, depth FROM invite_branch ORDER BY 1, 2")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .list();
        Set<String> pairs = new TreeSet<>();
        rows.forEach(r -> pairs.add(r[0] + ">" + r[1]));
        for (int i = 0; i < Math.min(200, rows.size()); i++) {
            long[] r = rows.get(random.nextInt(rows.size()));
            assertThat(depth(r[0], r[1]))
                    .as("depth of %d below %d %s", r[1], r[0], when)
                    .hasValue((int) r[2]);
        }
        List<Long> ids = sql.sql("SELECT id FROM local_user ORDER BY id")
                .query(Long.class)
                .list();
        for (int i = 0; i < 200 && !ids.isEmpty(); i++) {
            long ancestor = ids.get(random.nextInt(ids.size()));
            long descendant = ids.get(random.nextInt(ids.size()));
            if (!pairs.contains(ancestor + ">" + descendant)) {
                assertThat(depth(ancestor, descendant))
                        .as("%d is not below %d %s", descendant, ancestor, when)
                        .isEmpty();
            }
        }
    }

    private Optional<Integer> depth(long ancestor, long descendant) {
        return sql.sql(PostgresInviteBranchRepository.DEPTH)
                .param("ancestor", ancestor)
                .param("descendant", descendant)
                .query(Integer.class)
                .optional();
    }

    /** Deletes {@code count} random accounts that have both an inviter and invitees, one statement each. */
    private void deleteFromTheMiddleOfChains(int count) {
        for (int i = 0; i < count; i++) {
            List<Long> middle = middleAccounts();
            if (middle.isEmpty()) {
                return;
            }
            sql.sql("DELETE FROM local_user WHERE id = :id")
                    .param("id", middle.get(random.nextInt(middle.size())))
                    .update();
        }
    }

    private List<Long> middleAccounts() {
        return sql.sql("""
                        SELECT u.id FROM local_user u
                         WHERE u.invited_by_local_user_id IS NOT NULL
                           AND EXISTS (SELECT 1 FROM local_user i WHERE i.invited_by_local_user_id = u.id)
                         ORDER BY u.id""").query(Long.class).list();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomForestsAndDeletionsInTheMiddleOfChainsLeaveTheClosureOfTheRemainingInvites(long seed) {
        random = new Random(seed);
        forest(150, 0.08);
        assertClosureIsTheDomainsWalk("after the forest grew");
        assertThat(closureTable().stream()
                        .mapToInt(r -> Integer.parseInt(r.substring(r.indexOf('@') + 1)))
                        .max()
                        .orElse(0))
                .as("the forest has chains, not only fans")
                .isGreaterThan(3);

        deleteFromTheMiddleOfChains(10);
        assertClosureIsTheDomainsWalk("after deleting accounts in the middle of chains");

        forest(40, 0.0);
        assertClosureIsTheDomainsWalk("after the rest grew again");
    }

    @Test
    void deletingAMiddleAccountCutsTheBranchAboveFromEverythingBelow() {
        random = new Random(0);
        long founder = account(Optional.empty());
        long middle = account(Optional.of(founder));
        long below = account(Optional.of(middle));
        long deeper = account(Optional.of(below));
        long sibling = account(Optional.of(founder));

        sql.sql("DELETE FROM local_user WHERE id = :id").param("id", middle).update();

        assertThat(closureTable()).containsExactlyInAnyOrder(row(founder, sibling, 1), row(below, deeper, 1));
        assertThat(inviters().get(below)).as("the invitee lost its inviter").isEmpty();
        assertClosureIsTheDomainsWalk("after the cut");
    }

    @Test
    void deletingSeveralAccountsOfOneChainInOneStatementLeavesTheClosure() {
        random = new Random(11);
        List<Long> chain = new ArrayList<>();
        chain.add(account(Optional.empty()));
        for (int i = 0; i < 8; i++) {
            chain.add(account(Optional.of(chain.get(chain.size() - 1))));
        }
        account(Optional.of(chain.get(3)));
        account(Optional.of(chain.get(6)));

        sql.sql("DELETE FROM local_user WHERE id IN (:ids)")
                .param("ids", List.of(chain.get(2), chain.get(3), chain.get(5)))
                .update();

        assertClosureIsTheDomainsWalk("after deleting an inviter and its invitee together");
    }

    @Test
    void deletingRandomSetsOfAccountsInOneStatementLeavesTheClosure() {
        random = new Random(23);
        List<Long> accounts = forest(120, 0.05);
        for (int round = 0; round < 4; round++) {
            List<Long> doomed = new ArrayList<>();
            for (long id : accounts) {
                if (random.nextInt(8) == 0) {
                    doomed.add(id);
                }
            }
            accounts.removeAll(doomed);
            if (!doomed.isEmpty()) {
                sql.sql("DELETE FROM local_user WHERE id IN (:ids)")
                        .param("ids", doomed)
                        .update();
            }
            assertClosureIsTheDomainsWalk("after deleting " + doomed.size() + " accounts at once");
        }
    }
}
