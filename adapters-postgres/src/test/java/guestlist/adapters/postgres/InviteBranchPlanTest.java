package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plans of the branch statements of {@link PostgresInviteBranchRepository}, the very
 * statements the adapter runs, on a site where a spam branch of 15,100 accounts grew under one
 * member after the statistics were last taken (as a spam wave does between two autovacuum runs),
 * and again once they are fresh; each as a custom plan for its values and as the generic plan that
 * PostgreSQL caches for a statement pgjdbc has prepared on the server (from its fifth use on). A
 * page of the branch and a page of an ancestry each read one index range in the listing's order
 * (the keyset in the index condition, no sort); the depth of a cursor's member is looked up in the
 * member's ancestry, not by walking the top's branch; and each reads a few pages, not the branch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InviteBranchPlanTest {

    private static final JdbcClient SQL = JdbcClient.create(TestDatabase.dataSource());

    private static final int PAGE = 21;

    /** A page's range: a few index pages, and a heap page per row where the visibility map cannot vouch. */
    private static final long PAGE_BUFFERS = 40;

    /** Three probes of one row each (the two ancestries' lengths, then the row at their difference). */
    private static final long LOOK_UP_ROWS = 3;

    /** What one range of a few rows reads (the trap below reads many times more). */
    private static final long LOOK_UP_BUFFERS = 10;

    /**
     * The look-up's three probes, each the index's levels and, where the visibility map cannot vouch,
     * a heap page: about 11 buffers, summed here to about 19, since the scan that finds the row
     * counts again the two probes it takes its depth from (its init plans).
     */
    private static final long DEPTH_BUFFERS = 20;

    private static long spammer;
    private static long deepMember;
    private static long middleMember;

    /** A chain of {@link #CHAIN} accounts below one founder: its last account and one 90 % up from it. */
    private static final int CHAIN = 200;

    private static long chainEnd;
    private static long chainAncestor;

    /** How the plain look-up of a depth reads, and what the trap below shows it to do. */
    private static final String PLAIN_DEPTH =
            "SELECT depth FROM invite_branch WHERE ancestor_id = :ancestor AND descendant_id = :descendant";

    @BeforeAll
    static void seedAnOrdinarySiteThenASpamBranchBehindTheStatistics() {
        TestDatabase.reset();
        // 3,000 founders, each with an invitee who has one too
        List<Long> founders = insert("founder", 3_000, null);
        List<Long> firstLevel = insert("ordinary1_", 3_000, founders);
        insert("ordinary2_", 3_000, firstLevel);
        // and a founder's long chain, each account inviting the next
        List<Long> chain = new ArrayList<>(List.of(founders.get(42)));
        for (int i = 0; i < CHAIN; i++) {
            chain.add(insert("chain" + i + "_", 1, List.of(chain.get(chain.size() - 1)))
                    .get(0));
        }
        chainEnd = chain.get(CHAIN);
        chainAncestor = chain.get(CHAIN / 10);
        SQL.sql("ANALYZE local_user").update();
        SQL.sql("ANALYZE invite_branch").update();
        // then one founder's spam branch: 100 invitees, 5,000 below them, 10,000 below those
        spammer = founders.get(17);
        List<Long> depth1 = insert("spam1_", 100, List.of(spammer));
        List<Long> depth2 = insert("spam2_", 5_000, depth1);
        List<Long> depth3 = insert("spam3_", 10_000, depth2);
        middleMember = depth2.get(2_500);
        deepMember = depth3.get(9_999);
    }

    @AfterAll
    static void emptyTheTables() {
        TestDatabase.reset();
    }

    /** Inserts {@code count} accounts, the i-th invited by {@code inviters[i % size]} (none when null). */
    private static List<Long> insert(String prefix, int count, List<Long> inviters) {
        return SQL.sql("""
                        INSERT INTO local_user (name, password_hash, invited_by_local_user_id)
                        SELECT :prefix || i, 'x',
                               CASE WHEN :some THEN (CAST(:inviters AS bigint[]))[1 + i % :size] END
                          FROM generate_series(1, :count) AS i
                         ORDER BY i
                        RETURNING id""")
                .param("prefix", prefix)
                .param("some", inviters != null)
                .param("inviters", inviters == null ? new Long[] {0L} : inviters.toArray(Long[]::new))
                .param("size", inviters == null ? 1 : inviters.size())
                .param("count", count)
                .query(Long.class)
                .list();
    }

    // --- the statements with the values the adapter binds ---

    private static Map<String, Object> firstPageOfTheSpamBranch() {
        return parameters("top", spammer, "afterDepth", 0, "afterId", 0L, "limit", PAGE);
    }

    private static Map<String, Object> pageAfterAMemberDeepInTheSpamBranch() {
        return parameters("top", spammer, "afterDepth", 2, "afterId", middleMember, "limit", PAGE);
    }

    private static Map<String, Object> ancestryOfTheDeepestMember() {
        return parameters("account", deepMember, "afterDepth", 0, "limit", PAGE);
    }

    private static Map<String, Object> depthOfTheDeepestMember() {
        return parameters("descendant", deepMember, "ancestor", spammer);
    }

    @Test
    @Order(1)
    void aPageOfTheBranchIsOneRangeOfThePrimaryKeyFromTheCursorOn() {
        assertBranchPages();
    }

    @Test
    @Order(1)
    void aPageOfTheAncestryIsOneRangeOfTheDescendantIndex() {
        assertAncestryPages();
    }

    @Test
    @Order(1)
    void theCursorsDepthIsLookedUpInTheMembersAncestryNotInTheBranch() {
        assertDepthLookUps();
    }

    /**
     * The depth of a member deep in a long chain (the cursor of an ancestry's deep page) is three
     * probes, whatever the length of its ancestry: not a read of the ancestry, which grows with the
     * chain.
     */
    @Test
    @Order(1)
    void theDepthInALongChainIsLookedUpWithoutReadingTheChain() {
        assertDepthInTheChain();
    }

    /**
     * PostgreSQL plans a statement that pgjdbc has prepared on the server for each of its first five
     * executions, then keeps its generic plan unless the custom plans were estimated cheaper; a page
     * of a large branch must not look cheaper planned for its top, or every page is planned again,
     * which costs more than reading it.
     */
    @Test
    @Order(3)
    void postgresqlKeepsTheGenericPlanOfAPageOfALargeBranch() {
        // ANALYZE's sample of a closure table of millions of rows sees few distinct descendants (the
        // benchmark's 1,004,100 accounts below one top: 55,029), so the planner expects to find each
        // page member's account again and again, and a page of a large branch looks cheap
        SQL.sql("ALTER TABLE invite_branch ALTER COLUMN descendant_id SET (n_distinct = 200)")
                .update();
        try {
            SQL.sql("ANALYZE invite_branch").update();
            for (Map<String, Object> page :
                    List.of(firstPageOfTheSpamBranch(), pageAfterAMemberDeepInTheSpamBranch())) {
                assertThat(cachedPlanConditions(PostgresInviteBranchRepository.BELOW, page))
                        .as("the plan after ten executions is the generic one (its conditions name parameters)")
                        .anyMatch(condition -> condition.contains("ancestor_id = $1"));
            }
            assertThat(cachedPlanConditions(PostgresInviteBranchRepository.DEPTH, depthOfTheDeepestMember()))
                    .anyMatch(condition -> condition.contains("descendant_id = $"));
        } finally {
            SQL.sql("ALTER TABLE invite_branch ALTER COLUMN descendant_id RESET (n_distinct)")
                    .update();
            SQL.sql("ANALYZE invite_branch").update();
        }
    }

    /**
     * Why the look-up reads the member's ancestry explicitly: matched plainly on both columns, the
     * generic plan that PostgreSQL caches for the prepared statement walks the primary key range of
     * the ancestor, the whole spam branch, to find one row.
     */
    @Test
    @Order(1)
    void matchedPlainlyTheGenericPlanOfTheLookUpWouldWalkTheWholeBranch() {
        Explained generic = explain(PLAIN_DEPTH, depthOfTheDeepestMember(), true);

        assertThat(generic.nodes()).containsExactly("Index Only Scan using invite_branch_pkey");
        assertThat(generic.branchBuffers())
                .as("the trap is set: the spam branch's range of the primary key is read: %s", generic)
                .isGreaterThan(4 * LOOK_UP_BUFFERS);
    }

    @Test
    @Order(2)
    void thePlansHoldOnceTheStatisticsKnowTheSpamBranch() {
        SQL.sql("ANALYZE local_user").update();
        SQL.sql("ANALYZE invite_branch").update();

        assertBranchPages();
        assertAncestryPages();
        assertDepthLookUps();
        assertDepthInTheChain();
    }

    private static void assertBranchPages() {
        for (Map<String, Object> page : List.of(firstPageOfTheSpamBranch(), pageAfterAMemberDeepInTheSpamBranch())) {
            for (boolean generic : List.of(false, true)) {
                Explained plan = explain(PostgresInviteBranchRepository.BELOW, page, generic);
                assertThat(plan.nodes()).as("%s", plan).contains("Limit");
                assertThat(plan.nodes())
                        .as("%s", plan)
                        .anyMatch(node -> node.matches("Index (Only )?Scan using invite_branch_pkey"))
                        .noneMatch(InviteBranchPlanTest::readsTheWholeBranch);
                assertThat(plan.conditions())
                        .as("the keyset bounds the range, it does not filter it: %s", plan)
                        .anyMatch(condition -> condition.contains("ancestor_id =")
                                && condition.contains("ROW(depth, descendant_id) >"));
                assertThat(plan.branchRows()).as("%s", plan).isEqualTo(PAGE);
                assertThat(plan.branchBuffers()).as("%s", plan).isLessThanOrEqualTo(PAGE_BUFFERS);
            }
        }
    }

    private static void assertAncestryPages() {
        for (boolean generic : List.of(false, true)) {
            Explained plan = explain(PostgresInviteBranchRepository.ANCESTRY, ancestryOfTheDeepestMember(), generic);
            assertThat(plan.nodes()).as("%s", plan).first().isEqualTo("Limit");
            assertThat(plan.nodes())
                    .as("%s", plan)
                    .contains("Index Scan using invite_branch_descendant_idx")
                    .noneMatch(InviteBranchPlanTest::readsTheWholeBranch);
            assertThat(plan.conditions())
                    .as("%s", plan)
                    .anyMatch(condition -> condition.contains("descendant_id =") && condition.contains("depth >"));
            assertThat(plan.branchRows()).as("%s", plan).isEqualTo(3);
            assertThat(plan.branchBuffers()).as("%s", plan).isLessThanOrEqualTo(PAGE_BUFFERS);
        }
    }

    private static void assertDepthInTheChain() {
        Map<String, Object> lookUp = parameters("descendant", chainEnd, "ancestor", chainAncestor);
        for (boolean generic : List.of(false, true)) {
            Explained plan = explain(PostgresInviteBranchRepository.DEPTH, lookUp, generic);
            assertThat(plan.nodes())
                    .as("%s", plan)
                    .noneMatch(node -> node.contains("invite_branch_pkey"))
                    .noneMatch(InviteBranchPlanTest::readsTheWholeBranch);
            assertThat(plan.branchRows()).as("%s", plan).isLessThanOrEqualTo(LOOK_UP_ROWS);
            assertThat(plan.branchBuffers()).as("%s", plan).isLessThanOrEqualTo(DEPTH_BUFFERS);
        }
        assertThat(SQL.sql(PostgresInviteBranchRepository.DEPTH)
                        .params(lookUp)
                        .query(Integer.class)
                        .optional())
                .hasValue(CHAIN - CHAIN / 10);
    }

    private static void assertDepthLookUps() {
        for (boolean generic : List.of(false, true)) {
            Explained plan = explain(PostgresInviteBranchRepository.DEPTH, depthOfTheDeepestMember(), generic);
            assertThat(plan.nodes())
                    .as("%s", plan)
                    .contains("Index Scan using invite_branch_descendant_idx")
                    .noneMatch(node -> node.contains("invite_branch_pkey"))
                    .noneMatch(InviteBranchPlanTest::readsTheWholeBranch);
            assertThat(plan.branchRows()).as("%s", plan).isLessThanOrEqualTo(LOOK_UP_ROWS);
            assertThat(plan.branchBuffers()).as("%s", plan).isLessThanOrEqualTo(DEPTH_BUFFERS);
        }
    }

    private static boolean readsTheWholeBranch(String node) {
        return node.contains("Sort") || node.startsWith("Seq Scan") || node.startsWith("Bitmap");
    }

    // --- EXPLAIN ---

    /**
     * The index conditions of the plan PostgreSQL uses for the statement prepared on the server
     * (plan_cache_mode auto, as the adapter's connections run), after ten executions with these
     * values: with {@code $n} in them when it is the cached generic plan, with the values when it
     * is planned for them each time.
     */
    private static List<String> cachedPlanConditions(String statement, Map<String, Object> values) {
        String prepared = statement;
        List<String> types = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            n++;
            prepared = prepared.replace(":" + value.getKey(), "$" + n);
            types.add(value.getValue() instanceof Integer ? "integer" : "bigint");
            literals.add(value.getValue().toString());
        }
        String arguments = String.join(", ", literals);
        try (Connection connection = TestDatabase.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("PREPARE cached (" + String.join(", ", types) + ") AS " + prepared);
            try {
                for (int i = 0; i < 10; i++) {
                    sql.execute("EXECUTE cached (" + arguments + ")");
                }
                String json;
                try (ResultSet plan = sql.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE cached (" + arguments + ")")) {
                    plan.next();
                    json = plan.getString(1);
                }
                return SQL.sql("""
                                SELECT node ->> 'Index Cond'
                                  FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') AS node
                                 WHERE node ->> 'Index Cond' IS NOT NULL""").param("plan", json).query(String.class).list();
            } finally {
                sql.execute("DEALLOCATE cached");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /**
     * A plan as run: its nodes top down as the text format names them ({@code Index Scan using
     * invite_branch_pkey}), the index conditions, and how many rows of {@code invite_branch} its
     * scans read (those they return and those they filter out) in how many shared buffers.
     */
    private record Explained(List<String> nodes, List<String> conditions, long branchRows, long branchBuffers) {
        @Override
        public String toString() {
            return nodes + " " + conditions + ", " + branchRows + " rows of invite_branch read in " + branchBuffers
                    + " buffers";
        }
    }

    private static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /**
     * {@code EXPLAIN (ANALYZE, BUFFERS)} of the statement prepared on the server with its named
     * parameters as {@code $1, $2, ...}, executed with these values, as the custom plan for them or
     * as the generic plan PostgreSQL caches for the prepared statement.
     */
    private static Explained explain(String statement, Map<String, Object> values, boolean generic) {
        String prepared = statement;
        List<String> types = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            n++;
            prepared = prepared.replace(":" + value.getKey(), "$" + n);
            types.add(value.getValue() instanceof Integer ? "integer" : "bigint");
            literals.add(value.getValue().toString());
        }
        assertThat(prepared).as("every parameter has a value").doesNotContainPattern(":[a-zA-Z]");
        try (Connection connection = TestDatabase.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("SET plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"));
            sql.execute("PREPARE explained (" + String.join(", ", types) + ") AS " + prepared);
            try {
                String json;
                try (ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE explained ("
                        + String.join(", ", literals) + ")")) {
                    plan.next();
                    json = plan.getString(1);
                }
                return new Explained(
                        SQL.sql("""
                                        SELECT concat_ws(' ', node ->> 'Node Type',
                                                         CASE WHEN node ->> 'Scan Direction' = 'Backward'
                                                              THEN 'Backward' END,
                                                         'using ' || (node ->> 'Index Name'))
                                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**')
                                               WITH ORDINALITY AS n (node, i)
                                         WHERE node ->> 'Node Type' IS NOT NULL
                                         ORDER BY i""").param("plan", json).query(String.class).list(),
                        SQL.sql("""
                                        SELECT node ->> 'Index Cond'
                                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**')
                                               WITH ORDINALITY AS n (node, i)
                                         WHERE node ->> 'Index Cond' IS NOT NULL
                                         ORDER BY i""").param("plan", json).query(String.class).list(),
                        SQL.sql("""
                                        SELECT coalesce(sum((node ->> 'Actual Rows')::bigint * (node ->> 'Actual Loops')::bigint
                                                            + coalesce((node ->> 'Rows Removed by Filter')::bigint, 0)), 0)
                                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') AS node
                                         WHERE node ->> 'Relation Name' = 'invite_branch'""").param("plan", json).query(Long.class).single(),
                        SQL.sql("""
                                        SELECT coalesce(sum((node ->> 'Shared Hit Blocks')::bigint
                                                            + (node ->> 'Shared Read Blocks')::bigint), 0)
                                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') AS node
                                         WHERE node ->> 'Relation Name' = 'invite_branch'""").param("plan", json).query(Long.class).single());
            } finally {
                sql.execute("DEALLOCATE explained");
                sql.execute("RESET plan_cache_mode");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
