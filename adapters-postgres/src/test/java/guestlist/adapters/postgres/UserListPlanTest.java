package guestlist.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plans of {@code GET /admin/users}: the statements {@link PostgresUserRepository#listSql}
 * gives, with the parameters the adapter binds, on a table that sets the traps. The inviter whose
 * invitees are listed brought in the 1,000 oldest accounts; 30,000 newer ones were brought in by
 * 100 others; one account in 20 is banned; the statistics are fresh. Each listing must read the
 * index that yields its order and stop after a page: the primary key for everyone, the partial
 * index of bans for banned only, {@code (invited_by_local_user_id, id)} for one inviter's
 * invitees, never a sort of all matching rows and never OFFSET.
 */
class UserListPlanTest {

    private static final int LISTERS_INVITEES = 1_000;
    private static final int OTHERS = 30_000;

    private static final JdbcClient SQL = JdbcClient.create(TestDatabase.dataSource());
    private static long inviter;

    @BeforeAll
    static void seedOldInviteesUnderNewerAccountsOfOthers() {
        TestDatabase.reset();
        inviter = SQL.sql("INSERT INTO local_user (name, password_hash) VALUES ('inviter', 'x') RETURNING id")
                .query(Long.class)
                .single();
        List<Long> others = SQL.sql("""
                        INSERT INTO local_user (name, password_hash)
                        SELECT 'other' || i, 'x' FROM generate_series(1, 100) AS i RETURNING id""").query(Long.class).list();
        SQL.sql("""
                        INSERT INTO local_user (name, password_hash, invited_by_local_user_id)
                        SELECT 'guest' || i, 'x', :inviter FROM generate_series(1, :count) AS i""").param("inviter", inviter).param("count", LISTERS_INVITEES).update();
        SQL.sql("""
                        INSERT INTO local_user (name, password_hash, invited_by_local_user_id)
                        SELECT 'newer' || i, 'x', (:others::bigint[])[1 + i % 100] FROM generate_series(1, :count) AS i""")
                .param("others", others.toArray(Long[]::new))
                .param("count", OTHERS)
                .update();
        SQL.sql("UPDATE local_user SET banned_at = now(), ban_reason = 'x' WHERE id % 20 = 0")
                .update();
        SQL.sql("ANALYZE local_user").update();
    }

    @AfterAll
    static void emptyTheTables() {
        TestDatabase.reset();
    }

    @Test
    void everyoneReadsThePrimaryKeyInEitherDirection() {
        assertThat(planOf(false, true, false, false))
                .containsExactly("Limit", "Index Scan Backward using local_user_pkey");
        assertThat(planOf(false, false, false, true)).containsExactly("Limit", "Index Scan using local_user_pkey");
    }

    @Test
    void bannedOnlyReadsTheIndexOfBans() {
        assertThat(planOf(true, true, false, false))
                .containsExactly("Limit", "Index Scan Backward using local_user_banned_idx");
        assertThat(planOf(true, false, false, true)).containsExactly("Limit", "Index Scan using local_user_banned_idx");
    }

    @Test
    void oneInvitersInviteesReadTheInviterIndexInItsOrderWithoutASort() {
        assertThat(planOf(false, true, true, false))
                .containsExactly("Limit", "Index Scan Backward using local_user_invited_by_idx");
        assertThat(planOf(false, false, true, false))
                .containsExactly("Limit", "Index Scan using local_user_invited_by_idx");
        assertThat(planOf(false, true, true, true))
                .containsExactly("Limit", "Index Scan Backward using local_user_invited_by_idx");
        assertThat(planOf(false, false, true, true))
                .containsExactly("Limit", "Index Scan using local_user_invited_by_idx");
    }

    /** Why the range: on the same table, the first page of invitees matching the inviter with {@code =}. */
    @Test
    void matchedWithEqualsTheInviteesWouldBeFoundByWalkingThePrimaryKey() {
        String range = "invited_by_local_user_id BETWEEN :invitedBy AND :invitedBy";
        String statement = PostgresUserRepository.listSql(false, true, true, false);
        assertThat(statement).contains(range);

        assertThat(planOf(statement
                        .replace(range, "invited_by_local_user_id = :invitedBy")
                        .replace("ORDER BY invited_by_local_user_id DESC, id DESC", "ORDER BY id DESC")))
                .as("the trap is set: with '=' and the plain order the planner walks the primary key and filters")
                .containsExactly("Limit", "Index Scan Backward using local_user_pkey");
    }

    @Test
    void noStatementPagesWithOffset() {
        for (boolean bannedOnly : new boolean[] {false, true}) {
            for (boolean newestFirst : new boolean[] {false, true}) {
                for (boolean invitedBy : new boolean[] {false, true}) {
                    for (boolean after : new boolean[] {false, true}) {
                        assertThat(PostgresUserRepository.listSql(bannedOnly, newestFirst, invitedBy, after))
                                .doesNotContainIgnoringCase("offset");
                    }
                }
            }
        }
    }

    private List<String> planOf(boolean bannedOnly, boolean newestFirst, boolean invitedBy, boolean after) {
        return planOf(PostgresUserRepository.listSql(bannedOnly, newestFirst, invitedBy, after));
    }

    /** The nodes of the statement's plan, top down, as {@code InviteListPlanTest} names them. */
    private List<String> planOf(String statement) {
        JdbcClient.StatementSpec explain = SQL.sql("EXPLAIN (FORMAT JSON) " + statement)
                .param("limit", 21)
                .param("now", Timestamps.parameter(Instant.now()));
        if (statement.contains(":invitedBy")) {
            explain = explain.param("invitedBy", inviter);
        }
        if (statement.contains(":afterId")) {
            explain = explain.param("afterId", inviter + LISTERS_INVITEES / 2);
        }
        String plan = explain.query(String.class).single();
        return SQL.sql("""
                        SELECT concat_ws(' ', node ->> 'Node Type',
                                         CASE WHEN node ->> 'Scan Direction' = 'Backward' THEN 'Backward' END,
                                         'using ' || (node ->> 'Index Name'))
                          FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') WITH ORDINALITY AS n (node, i)
                         WHERE node ->> 'Node Type' IS NOT NULL
                         ORDER BY i""").param("plan", plan).query(String.class).list();
    }
}
