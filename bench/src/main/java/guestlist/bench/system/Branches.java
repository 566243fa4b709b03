package guestlist.bench.system;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Invite branches seeded by SQL for the accountability scenarios: accounts below one top account
 * that joined without an invite, with their rows of the closure table {@code invite_branch} (one
 * per account and ancestor at any depth) and their {@code invitee_count}. The triggers that keep
 * both in the product would, for a fan of a million, rewrite the top's row a million times in one
 * transaction; the seed turns them (and the foreign keys' checks) off for its own connection
 * ({@code session_replication_role = replica}) and fills both set-based, one depth at a time.
 */
public final class Branches {

    private static final int CHAINS = 4;

    private Branches() {}

    /**
     * An invite tree below its root: three levels of fans (w accounts, each inviting w, each of
     * those inviting w - 1, where w is the cube root of the size) and four chains as deep as the
     * square root of the size (at 1,000,000: 100 x 100 x 99 and 4 chains of 1,000).
     *
     * @param members          the accounts below the root
     * @param deepCursorId     the member after which the tree's deep page starts: 90 % through the
     *                         branch in its order (depth, then id)
     * @param deepestId        the last account of the first chain, the deepest of the tree
     * @param ancestryCursorId the inviter of {@code deepestId} after which its ancestry's deep page
     *                         starts: 90 % up the chain, or a full page before its end when the
     *                         chain is shorter than ten pages
     * @param ancestryDepth    how far above {@code deepestId} that inviter is
     */
    public record Tree(
            long rootId,
            long members,
            int fanWidth,
            int chainDepth,
            long deepCursorId,
            long deepestId,
            long ancestryCursorId,
            int ancestryDepth) {

        /** The API's page cursor of the tree's deep page ({@code page_cursor}). */
        public String deepPageCursor() {
            return cursor("tree", deepCursorId);
        }

        /** The API's page cursor of the ancestry's deep page ({@code page_cursor}). */
        public String ancestryDeepPageCursor() {
            return cursor("anc", ancestryCursorId);
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d accounts below the root %d: fans %d x %d x %d, %d chains of %,d; the tree's deep page"
                            + " after %d, the ancestry of %d (%,d inviters) after its inviter %,d above",
                    members,
                    rootId,
                    fanWidth,
                    fanWidth,
                    fanWidth - 1,
                    CHAINS,
                    chainDepth,
                    deepCursorId,
                    deepestId,
                    chainDepth,
                    ancestryDepth);
        }
    }

    /** A member with {@code members} accounts below it, each holding {@code invites / members} invites. */
    public record Branch(long topId, long members, long invites) {}

    /**
     * Seeds the tree of about {@code accounts} accounts below a new account {@code rootName}.
     *
     * @param pageSize the API's default page size, so that the ancestry's deep page is a full one
     */
    public static Tree tree(Database db, String rootName, long accounts, int pageSize) throws SQLException {
        long started = System.nanoTime();
        int w = (int) Math.max(2, Math.round(Math.cbrt((double) accounts)));
        int d = (int) Math.max(2, Math.round(Math.sqrt((double) accounts)));
        long l1 = w;
        long l2 = (long) w * w;
        long l3 = l2 * (w - 1);
        long chains = l1 + l2 + l3 + 1;
        List<String> shape = List.of(
                "SELECT g, 0, 1 FROM generate_series(1, " + l1 + ") g",
                "SELECT " + (l1 + 1) + " + i, 1 + i / " + w + ", 2 FROM generate_series(0, " + (l2 - 1) + ") i",
                "SELECT " + (l1 + l2 + 1) + " + i, " + (l1 + 1) + " + i / " + (w - 1) + ", 3 FROM generate_series(0, "
                        + (l3 - 1) + ") i",
                "SELECT " + chains + " + c * " + d + " + k - 1, CASE WHEN k = 1 THEN 0 ELSE " + chains + " + c * " + d
                        + " + k - 2 END, k FROM generate_series(0, " + (CHAINS - 1) + ") c, generate_series(1, " + d
                        + ") k");
        long base = plant(db, rootName, "t_", shape);
        long members = db.queryLong("SELECT count(*) FROM seed_node") - 1;
        long deepCursor = atPosition(db, base, members * 9 / 10);
        long deepest = base + db.queryLong("SELECT n FROM seed_node ORDER BY depth DESC, n LIMIT 1");
        int ancestryDepth = (int) Math.max(1, Math.min(Math.round(d * 0.9), d - pageSize));
        long ancestryCursor = db.queryLong("SELECT ancestor_id FROM invite_branch WHERE descendant_id = " + deepest
                + " AND depth = " + ancestryDepth);
        db.execute("DROP TABLE seed_node");
        settle(db);
        Tree tree = new Tree(base, members, w, d, deepCursor, deepest, ancestryCursor, ancestryDepth);
        Log.line(
                "seeded the invite tree '%s': %s in %.1f s",
                rootName, tree.describe(), (System.nanoTime() - started) / 1e9);
        return tree;
    }

    /**
     * Seeds a member {@code topName} with {@code accounts} accounts below it (the square root of them
     * invited by the member, the rest by those), each holding one invite.
     */
    public static Branch branch(Database db, String topName, long accounts) throws SQLException {
        long started = System.nanoTime();
        long w = Math.max(1, (long) Math.ceil(Math.sqrt((double) accounts)));
        List<String> shape = List.of(
                "SELECT g, 0, 1 FROM generate_series(1, " + w + ") g",
                "SELECT g, 1 + (g - " + (w + 1) + ") % " + w + ", 2 FROM generate_series(" + (w + 1) + ", " + accounts
                        + ") g");
        long base = plant(db, topName, "b_", shape);
        db.execute("INSERT INTO local_user_invite (token, local_user_id) SELECT md5('branch' || n), " + base
                + " + n FROM seed_node WHERE n > 0");
        db.execute("DROP TABLE seed_node");
        db.execute("VACUUM ANALYZE local_user_invite");
        settle(db);
        Branch branch = new Branch(
                base,
                db.queryLong("SELECT count(*) FROM invite_branch WHERE ancestor_id = " + base),
                db.queryLong("SELECT count(*) FROM local_user_invite i JOIN invite_branch b"
                        + " ON b.descendant_id = i.local_user_id WHERE b.ancestor_id = " + base));
        Log.line(
                "seeded the branch '%s' (%d): %,d accounts below it (%d x about %d), %,d invites in %.1f s",
                topName,
                base,
                branch.members(),
                w,
                Math.max(1, (accounts - w) / w),
                branch.invites(),
                (System.nanoTime() - started) / 1e9);
        return branch;
    }

    /**
     * Seeds the accounts of a shape: {@code shape} are SELECTs of (n, parent n, depth) below the
     * top, n = 0, in the temporary table {@code seed_node} (left for the caller to read and drop).
     * Account n gets the id base + n (its name {@code prefix} and its id; the top's is
     * {@code topName}), where base is the identity's next value, which is moved past them; each was
     * made a month ago, with a copy of the admin's password hash. Returns base.
     */
    private static long plant(Database db, String topName, String prefix, List<String> shape) throws SQLException {
        String hash = db.queryText("SELECT password_hash FROM local_user WHERE admin ORDER BY id LIMIT 1");
        db.execute("CREATE TEMPORARY TABLE seed_node (n bigint PRIMARY KEY, parent bigint, depth integer NOT NULL)");
        db.execute("INSERT INTO seed_node VALUES (0, NULL, 0)");
        for (String level : shape) {
            db.execute("INSERT INTO seed_node (n, parent, depth) " + level);
        }
        db.execute("CREATE INDEX ON seed_node (depth, n)");
        db.execute("ANALYZE seed_node");
        long nodes = db.queryLong("SELECT count(*) FROM seed_node");
        int deepest = (int) db.queryLong("SELECT max(depth) FROM seed_node");
        long base = db.queryLong("SELECT nextval(pg_get_serial_sequence('local_user', 'id'))");
        db.execute("SET session_replication_role = replica");
        try {
            db.update(
                    "INSERT INTO local_user (id, name, password_hash, accepted_application, published_at,"
                            + " invited_by_local_user_id) OVERRIDING SYSTEM VALUE"
                            + " SELECT ? + n, CASE WHEN n = 0 THEN ? ELSE ? || (? + n) END, ?, true,"
                            + " now() - interval '30 days', ? + parent FROM seed_node ORDER BY n",
                    base,
                    topName,
                    prefix,
                    base,
                    hash,
                    base);
            db.execute("SELECT setval(pg_get_serial_sequence('local_user', 'id'), " + (base + nodes - 1) + ")");
            // one depth at a time: an account's ancestors are its inviter's, one level further, and its inviter
            for (int depth = 1; depth <= deepest; depth++) {
                db.execute("INSERT INTO invite_branch (ancestor_id, descendant_id, depth)"
                        + " SELECT " + base + " + s.parent, " + base + " + s.n, 1 FROM seed_node s WHERE s.depth = "
                        + depth + " UNION ALL SELECT b.ancestor_id, " + base + " + s.n, b.depth + 1"
                        + " FROM seed_node s JOIN invite_branch b ON b.descendant_id = " + base + " + s.parent"
                        + " WHERE s.depth = " + depth);
                if (db.queryLong("SELECT count(*) FROM seed_node WHERE depth = " + depth) > 100_000) {
                    db.execute("ANALYZE invite_branch");
                }
            }
            db.execute("UPDATE local_user u SET invitee_count = c.invitees FROM (SELECT " + base
                    + " + parent AS id, count(*) AS invitees FROM seed_node WHERE parent IS NOT NULL GROUP BY parent) c"
                    + " WHERE u.id = c.id");
        } finally {
            db.execute("RESET session_replication_role");
        }
        return base;
    }

    /** The id of the member at {@code position} (from 1) of the branch below {@code top}, by depth, then id. */
    private static long atPosition(Database db, long top, long position) throws SQLException {
        long target = Math.max(1, position);
        long before = 0;
        int deepest = (int) db.queryLong("SELECT max(depth) FROM seed_node");
        for (int depth = 1; depth <= deepest; depth++) {
            long here = db.queryLong("SELECT count(*) FROM seed_node WHERE depth = " + depth);
            if (before + here >= target) {
                // keyset, not OFFSET: the largest id among the first (target - before) of that depth
                return db.queryLong("SELECT max(id) FROM (SELECT descendant_id AS id FROM invite_branch"
                        + " WHERE ancestor_id = " + top + " AND depth = " + depth + " ORDER BY descendant_id LIMIT "
                        + (target - before) + ") first");
            }
            before += here;
        }
        throw new IllegalStateException("the branch below " + top + " has fewer than " + target + " members");
    }

    /** Fresh statistics and visibility maps, as autovacuum would leave them in a settled database. */
    private static void settle(Database db) throws SQLException {
        db.execute("VACUUM ANALYZE local_user");
        db.execute("VACUUM ANALYZE invite_branch");
    }

    private static String cursor(String listing, long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((listing + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }
}
