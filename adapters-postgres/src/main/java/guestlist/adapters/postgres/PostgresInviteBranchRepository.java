package guestlist.adapters.postgres;

import guestlist.application.port.out.InviteBranchRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Branches and ancestries from {@code invite_branch}, the invite relation closed over every depth:
 * a page is one range of its primary key {@code (ancestor_id, depth, descendant_id)} (a branch) or
 * of {@code (descendant_id, depth)} (an ancestry), so it costs the same however large the branch or
 * deep the chain. A page starts after the last member served, whose depth is looked up first.
 */
final class PostgresInviteBranchRepository implements InviteBranchRepository {

    /**
     * A page of the branch below {@code :top}, after {@code (:afterDepth, :afterId)}: the page's
     * members first (one range of the primary key, limited), then their accounts. Limited inside,
     * the statement costs the planner the same for a top with a branch of a million as for one with
     * a few, so PostgreSQL keeps the generic plan it caches for the prepared statement; with the
     * limit over the join, a large branch made the custom plan look cheaper, and every page was
     * planned again (about 0.2 ms, more than the page itself).
     */
    static final String BELOW = "SELECT b.depth, " + userColumns("u") + """
             FROM (SELECT depth, descendant_id FROM invite_branch
                    WHERE ancestor_id = :top AND (depth, descendant_id) > (:afterDepth, :afterId)
                    ORDER BY depth, descendant_id
                    LIMIT :limit) b
             JOIN local_user u ON u.id = b.descendant_id
            ORDER BY b.depth, b.descendant_id""";

    /** A page of the inviters above {@code :account}, nearest first, beyond {@code :afterDepth}. */
    static final String ANCESTRY = "SELECT " + userColumns("u") + """
             FROM invite_branch b JOIN local_user u ON u.id = b.ancestor_id
            WHERE b.descendant_id = :account AND b.depth > :afterDepth
            ORDER BY b.depth
            LIMIT :limit""";

    /**
     * How far below {@code :ancestor} {@code :descendant} is, if it is below it at all: never found
     * by walking the ancestor's branch, which a spam wave makes as large as it likes, nor by reading
     * the descendant's whole ancestry, as long as its chain of inviters. An ancestry runs without a
     * gap up to an account that has no inviter, and an ancestor's ancestry is the rest of it; so the
     * ancestor, if it is one, is as far below the descendant as their ancestries differ in length,
     * and each length is the deepest row of the ancestry. Three probes of
     * {@code invite_branch_descendant_idx}: the two lengths, then the one row at that depth, which
     * must name the ancestor.
     */
    static final String DEPTH = """
            WITH found AS MATERIALIZED (
                SELECT ancestor_id, depth FROM invite_branch
                 WHERE descendant_id = :descendant
                   AND depth = (SELECT max(depth) FROM invite_branch WHERE descendant_id = :descendant)
                             - (SELECT coalesce(max(depth), 0) FROM invite_branch WHERE descendant_id = :ancestor)
            )
            SELECT depth FROM found WHERE ancestor_id = :ancestor""";

    private final JdbcClient jdbc;

    PostgresInviteBranchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<BranchMember> below(LocalUserId top, Optional<LocalUserId> after, int limit) {
        int afterDepth = 0;
        long afterId = 0;
        if (after.isPresent()) {
            Optional<Integer> depth = depth(top, after.get());
            if (depth.isEmpty()) {
                return List.of();
            }
            afterDepth = depth.get();
            afterId = after.get().value();
        }
        return jdbc.sql(BELOW)
                .param("top", top.value())
                .param("afterDepth", afterDepth)
                .param("afterId", afterId)
                .param("limit", limit)
                .query((rs, row) -> new BranchMember(Rows.user(rs, row), rs.getInt("depth")))
                .list();
    }

    @Override
    public List<LocalUser> ancestry(LocalUserId account, Optional<LocalUserId> after, int limit) {
        int afterDepth = 0;
        if (after.isPresent()) {
            Optional<Integer> depth = depth(after.get(), account);
            if (depth.isEmpty()) {
                return List.of();
            }
            afterDepth = depth.get();
        }
        return jdbc.sql(ANCESTRY)
                .param("account", account.value())
                .param("afterDepth", afterDepth)
                .param("limit", limit)
                .query(Rows::user)
                .list();
    }

    /** How far below {@code ancestor} {@code descendant} is, if it is below it at all. */
    private Optional<Integer> depth(LocalUserId ancestor, LocalUserId descendant) {
        return jdbc.sql(DEPTH)
                .param("ancestor", ancestor.value())
                .param("descendant", descendant.value())
                .query(Integer.class)
                .optional();
    }

    private static String userColumns(String alias) {
        return Arrays.stream(Rows.USER_COLUMNS.split(",", -1))
                .map(column -> alias + "." + column.strip())
                .collect(Collectors.joining(", "));
    }
}
