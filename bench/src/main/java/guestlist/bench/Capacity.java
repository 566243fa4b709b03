package guestlist.bench;

import guestlist.bench.system.Branches;
import guestlist.bench.system.Database;
import guestlist.bench.system.Log;
import guestlist.bench.system.Machine;
import guestlist.bench.system.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run.sh --capacity}: what Guestlist's rows cost on disk, measured on a database the
 * product jar migrated and then seeded by SQL at a known size (by default a million accounts in an
 * invite tree, a million invites, a million sessions, a hundred thousand applications, the daily
 * quota records and a moderation log), and extrapolated to a site of ten million accounts holding a
 * hundred million invites. Sizes are PostgreSQL's own ({@code pg_table_size}, {@code
 * pg_relation_size} of each index) after {@code VACUUM ANALYZE}; the table goes to {@code
 * bench/target/capacity.md}.
 */
public final class Capacity {

    /** The site the plan is for. */
    private static final long TARGET_ACCOUNTS = 10_000_000;

    private static final long TARGET_INVITES = 100_000_000;

    private Capacity() {}

    /** One table's measured rows and sizes, and the rows it would hold on the target site. */
    private record Measured(String table, long rows, long heapBytes, Map<String, Long> indexBytes, long targetRows) {

        long indexTotal() {
            return indexBytes.values().stream().mapToLong(Long::longValue).sum();
        }

        double perRow(long bytes) {
            return rows == 0 ? 0 : (double) bytes / rows;
        }

        long atTarget(long bytes) {
            return Math.round(perRow(bytes) * targetRows);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path jar = null;
        long accounts = 1_000_000;
        for (String arg : args) {
            if (arg.startsWith("--root=")) {
                root = Path.of(arg.substring("--root=".length()));
            } else if (arg.startsWith("--jar=")) {
                jar = Path.of(arg.substring("--jar=".length()));
            } else if (arg.startsWith("--accounts=")) {
                accounts = Long.parseLong(arg.substring("--accounts=".length()));
            } else if (!arg.equals("--capacity")) {
                throw new IllegalArgumentException("--capacity takes --accounts=N only, not " + arg);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar=<the product jar> is required");
        }
        Path work =
                root.resolve("bench/target/capacity-" + Instant.now().toString().replaceAll("[^0-9TZ]", ""));
        Files.createDirectories(work);
        try (Database db = Database.start(work)) {
            Server server = new Server(jar, "256m", 0, db, work);
            try (Server.Running migrating = server.start("guestlist", Machine.freePort(), 0, Map.of(), List.of())) {
                migrating.awaitHealthy();
            }
            String report = measure(db, accounts);
            Path table = root.resolve("bench/target/capacity.md");
            Files.writeString(table, report);
            System.out.println(report);
            Log.line("written to %s", root.relativize(table));
        }
    }

    private static String measure(Database db, long accounts) throws Exception {
        long started = System.nanoTime();
        Branches.Tree tree = Branches.tree(db, "capacity_root", accounts, 20);
        long members = tree.members() + 1;
        long first = tree.rootId();
        // invites as members make them: a 32-character token, a third with a use limit, half with an
        // end, a tenth with a comment, one use on a quarter; ends and session expiries all distinct (the
        // same instant for all would let PostgreSQL's deduplication shrink their indexes unrealistically)
        db.execute("INSERT INTO local_user_invite (token, local_user_id, max_uses, uses_count, expires_at, comment)"
                + " SELECT md5('capacity' || g), " + first + " + g % " + members + ","
                + " CASE WHEN g % 3 = 0 THEN 5 END, CASE WHEN g % 4 = 0 THEN 1 ELSE 0 END,"
                + " CASE WHEN g % 2 = 0 THEN now() + interval '1 day' + g * interval '1 second' END,"
                + " CASE WHEN g % 10 = 0 THEN 'for my friend from the climbing club' END"
                + " FROM generate_series(1, " + accounts + ") g");
        db.execute("INSERT INTO login_token (token_hash, local_user_id, expires_at)"
                + " SELECT encode(sha256(convert_to('capacity' || g, 'UTF8')), 'hex'), " + first + " + g % " + members
                + ", now() + g * interval '1 second' FROM generate_series(1, " + accounts + ") g");
        long applications = accounts / 10;
        db.execute("INSERT INTO registration_application (local_user_id, answer)"
                + " SELECT " + first + " + g, repeat('I read the rules and want to join the discussion. ', 2)"
                + " FROM generate_series(1, " + Math.min(applications, members - 1) + ") g");
        long daily = accounts / 10;
        db.execute("INSERT INTO invite_creation (local_user_id, seq, published_at) SELECT " + first + " + g % "
                + members + ", g / " + members + " + 1, now() - (g % 86400) * interval '1 second'"
                + " FROM generate_series(1, " + daily + ") g");
        db.execute("INSERT INTO invite_signup (published_at) SELECT now() - (g % 86400) * interval '1 second'"
                + " FROM generate_series(1, " + daily + ") g");
        long actions = Math.max(1, accounts / 100);
        db.execute("INSERT INTO moderation_log (action, admin_local_user_id, target_local_user_id, include_invitees,"
                + " affected_accounts, revoked_invites, reason, published_at)"
                + " SELECT 'ban', " + first + ", " + first + " + g % " + members + ", g % 2 = 0, 1, 0,"
                + " 'spam links in every post', now() FROM generate_series(1, " + actions + ") g");
        db.execute("VACUUM ANALYZE");
        Log.line("seeded for the capacity plan in %.1f s", (System.nanoTime() - started) / 1e9);

        double scale = (double) TARGET_ACCOUNTS / members;
        List<Measured> measured = new ArrayList<>();
        for (String table : db.queryStrings("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                + " AND relkind = 'r' AND relname <> 'flyway_schema_history' ORDER BY relname")) {
            long rows = db.queryLong("SELECT count(*) FROM " + table);
            long heap = db.queryLong("SELECT pg_table_size('" + table + "')");
            Map<String, Long> indexes = new java.util.TreeMap<>();
            for (String index : db.queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '"
                    + table + "'::regclass ORDER BY 1")) {
                indexes.put(index, db.queryLong("SELECT pg_relation_size('" + index + "')"));
            }
            long target = switch (table) {
                case "local_user_invite" -> TARGET_INVITES;
                case "local_site" -> rows;
                case "rate_limit_bucket" -> 0;
                default -> Math.round(rows * scale);
            };
            measured.add(new Measured(table, rows, heap, indexes, target));
        }
        return table(measured, tree, members);
    }

    private static String table(List<Measured> measured, Branches.Tree tree, long members) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Measured on %,d accounts (%s), PostgreSQL sizes after VACUUM ANALYZE; the target: %,d accounts,"
                        + " %,d invites, every other table scaled with the accounts.%n%n",
                members,
                tree.describe(),
                TARGET_ACCOUNTS,
                TARGET_INVITES));
        out.append("| table | rows measured | table B/row | indexes B/row | rows at target | table at target"
                + " | indexes at target |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        long totalTable = 0;
        long totalIndexes = 0;
        for (Measured m : measured) {
            out.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %,d | %.0f | %.0f | %,d | %s | %s |%n",
                    m.table(),
                    m.rows(),
                    m.perRow(m.heapBytes()),
                    m.perRow(m.indexTotal()),
                    m.targetRows(),
                    size(m.atTarget(m.heapBytes())),
                    size(m.atTarget(m.indexTotal()))));
            totalTable += m.atTarget(m.heapBytes());
            totalIndexes += m.atTarget(m.indexTotal());
        }
        out.append(String.format(
                Locale.ROOT,
                "| **all** | | | | | **%s** | **%s** |%n%nEach index, bytes per row of its table:%n%n",
                size(totalTable),
                size(totalIndexes)));
        for (Measured m : measured) {
            m.indexBytes()
                    .forEach((index, bytes) ->
                            out.append(String.format(Locale.ROOT, "- `%s`: %.1f B/row%n", index, m.perRow(bytes))));
        }
        return out.toString();
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
