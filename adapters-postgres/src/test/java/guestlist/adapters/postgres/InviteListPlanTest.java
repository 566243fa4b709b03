package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plan of the invite list's first page: {@link PostgresInviteRepository#LIST_USABLE}, the very
 * statement the adapter runs, with the parameters it binds, on a table that sets the trap its
 * {@code BETWEEN :creatorId AND :creatorId} steers around (git {@code fcf82da}): the lister's
 * 1,000 invites are the oldest, the 33,000 newer ones are everyone else's, and the statistics are
 * fresh. Any other plan fails the test: a walk of the primary key reads the newer invites of
 * everyone else first, a sort reads all of the lister's.
 *
 * <p>Pages below a cursor are not held to one plan: with a selective cursor the planner rightly
 * reads the ids below it and sorts them (bounded by the cursor).
 */
class InviteListPlanTest {

    private static final int LISTERS_INVITES = 1_000;
    private static final int OTHERS_INVITES = 33_000;
    private static final int OTHER_CREATORS = 100;

    /** How the adapter matches the creator, and the plain form the planner mishandles. */
    private static final String RANGE = "local_user_id BETWEEN :creatorId AND :creatorId";

    private static final String EQUALS = "local_user_id = :creatorId";

    private final JdbcClient sql = JdbcClient.create(TestDatabase.dataSource());
    private long lister;

    @BeforeEach
    void seedOldInvitesOfTheListerUnderNewerOnesOfOthers() {
        TestDatabase.reset();
        lister = sql.sql("INSERT INTO local_user (name, password_hash) VALUES ('lister', 'x') RETURNING id")
                .query(Long.class)
                .single();
        List<Long> others =
                sql.sql("""
                        INSERT INTO local_user (name, password_hash)
                        SELECT 'creator' || i, 'x' FROM generate_series(1, :count) AS i RETURNING id""").param("count", OTHER_CREATORS).query(Long.class).list();
        sql.sql("""
                        INSERT INTO local_user_invite (token, local_user_id)
                        SELECT md5('lister' || i), :lister FROM generate_series(1, :count) AS i""").param("lister", lister).param("count", LISTERS_INVITES).update();
        sql.sql("""
                        INSERT INTO local_user_invite (token, local_user_id)
                        SELECT md5('other' || i), (:others::bigint[])[1 + i % :creators]
                          FROM generate_series(1, :count) AS i""")
                .param("others", others.toArray(Long[]::new))
                .param("creators", OTHER_CREATORS)
                .param("count", OTHERS_INVITES)
                .update();
        sql.sql("ANALYZE local_user_invite").update();
    }

    @AfterEach
    void emptyTheTables() {
        TestDatabase.reset();
    }

    @Test
    void theFirstPageReadsTheCreatorsIndexInItsOrderWithoutASort() {
        assertThat(planOf(PostgresInviteRepository.LIST_USABLE))
                .as("the creator's index (local_user_id, id DESC) yields the order; no sort, no primary key walk")
                .containsExactly("Limit", "Index Scan using local_user_invite_local_user_id_idx");
    }

    /** Why the steer: on the same table, the first page matching the creator with {@code =}. */
    @Test
    void matchedWithEqualsTheFirstPageWouldWalkThePrimaryKeyBackwards() {
        assertThat(PostgresInviteRepository.LIST_USABLE).contains(RANGE);

        assertThat(planOf(PostgresInviteRepository.LIST_USABLE.replace(RANGE, EQUALS)))
                .as("the trap is set: with '=' the planner walks the primary key and filters")
                .containsExactly("Limit", "Index Scan Backward using local_user_invite_pkey");
    }

    /**
     * The nodes of {@code EXPLAIN (FORMAT JSON)}, top down, each as its type, {@code Backward}
     * when it scans an index backwards and the index it uses: {@code Index Scan Backward using
     * local_user_invite_pkey}, as the text format names them. PostgreSQL's jsonpath walks the plan.
     */
    private List<String> planOf(String statement) {
        String plan = sql.sql("EXPLAIN (FORMAT JSON) " + statement)
                .param("creatorId", lister)
                .param("now", Timestamps.parameter(Instant.now()))
                .param("limit", 21)
                .query(String.class)
                .single();
        return sql.sql("""
                        SELECT concat_ws(' ', node ->> 'Node Type',
                                         CASE WHEN node ->> 'Scan Direction' = 'Backward' THEN 'Backward' END,
                                         'using ' || (node ->> 'Index Name'))
                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') WITH ORDINALITY AS n (node, i)
                         WHERE node ->> 'Node Type' IS NOT NULL
                         ORDER BY i""").param("plan", plan).query(String.class).list();
    }
}
