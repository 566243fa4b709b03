package guestlist.bench.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;

/**
 * What the benchmark put into the database with SQL, as the scenarios and the pgbench scripts
 * address it: {@code logins} accounts {@code login_<n>} that log in, {@code creators} accounts
 * {@code creator_<n>} with a session each that create invites, the lister {@code lister_0} with a
 * session and the invites it lists, and one unlimited invite ({@link #INVITE_TOKEN}) of
 * {@code inviter_0} that every registration uses. Every account has the password
 * {@link #PASSWORD} and was made a month ago.
 *
 * @param creatorTokens the creators' session tokens, one a line
 * @param listerToken   the lister's session token
 * @param deepCursorId  the id after which the lister's deep page starts (90 % down, newest first)
 */
public record Seed(
        long firstCreator,
        long lastCreator,
        long listerId,
        String listerSessionHash,
        Path creatorTokens,
        Path listerToken,
        long deepCursorId) {

    public static final String PASSWORD = "benchmark-password-1";
    /** 32 of [A-Za-z0-9_-], as the server's invite tokens. */
    public static final String INVITE_TOKEN = "BenchInviteToken_unlimited_00001";

    /**
     * Seeds a migrated database whose admin the server has created with {@link #PASSWORD}: the
     * seeded accounts get a copy of the admin's password hash, so that they are checked with the
     * server's own hasher and settings. The lister holds {@code smallInvites} invites in all (with
     * the inviter's one, the table holds as many).
     */
    public static Seed plant(Database db, Path work, int logins, int creators, int smallInvites) throws Exception {
        long started = System.nanoTime();
        String hash = db.queryText("SELECT password_hash FROM local_user WHERE admin ORDER BY id LIMIT 1");
        if (hash == null) {
            throw new IllegalStateException("no admin in the database: the server has not started on it");
        }
        db.execute("UPDATE local_site SET registration_mode = 'require_invitation',"
                + " max_invites_per_user_allowed = 1000000");
        // a month old, so that a minimum account age for inviting does not refuse them
        String users = """
                INSERT INTO local_user (name, password_hash, accepted_application, published_at)
                SELECT ? || i, ?, true, now() - interval '30 days' FROM generate_series(0, ? - 1) i""";
        db.update(users, "login_", hash, logins);
        db.update(users, "creator_", hash, creators);
        db.update(users, "lister_", hash, 1);
        db.update(users, "inviter_", hash, 1);
        long firstCreator = db.queryLong("SELECT min(id) FROM local_user WHERE name LIKE 'creator\\_%'");
        long lastCreator = db.queryLong("SELECT max(id) FROM local_user WHERE name LIKE 'creator\\_%'");
        long listerId = db.queryLong("SELECT id FROM local_user WHERE name = 'lister_0'");
        long inviterId = db.queryLong("SELECT id FROM local_user WHERE name = 'inviter_0'");
        // sessions: the server keeps only the SHA-256 (hex) of each token
        db.execute("""
                INSERT INTO login_token (token_hash, local_user_id)
                SELECT encode(sha256(convert_to('bench' || md5('session' || id), 'UTF8')), 'hex'), id
                  FROM local_user WHERE name LIKE 'creator\\_%' OR name = 'lister_0'""");
        Path creatorTokens = Files.write(
                work.resolve("creator-tokens.txt"),
                db.queryStrings(
                        "SELECT 'bench' || md5('session' || id) FROM local_user WHERE name LIKE 'creator\\_%' ORDER BY id"));
        Path listerToken = Files.write(
                work.resolve("lister-token.txt"),
                db.queryStrings("SELECT 'bench' || md5('session' || id) FROM local_user WHERE name = 'lister_0'"));
        String listerSessionHash = db.queryText("SELECT token_hash FROM login_token WHERE local_user_id = " + listerId);
        db.update("INSERT INTO local_user_invite (token, local_user_id) VALUES (?, ?)", INVITE_TOKEN, inviterId);
        db.execute("INSERT INTO local_user_invite (token, local_user_id) SELECT md5('small' || g), " + listerId
                + " FROM generate_series(1, " + (smallInvites - 1) + ") g");
        db.execute("VACUUM ANALYZE");
        long deepCursorId = deepCursor(db, listerId);
        Log.line(
                "seeded %d log-in users, %d creators with sessions, %,d invites (lister id %d, deep cursor id %d)"
                        + " in %.1f s",
                logins,
                creators,
                db.queryLong("SELECT count(*) FROM local_user_invite"),
                listerId,
                deepCursorId,
                (System.nanoTime() - started) / 1e9);
        return new Seed(
                firstCreator, lastCreator, listerId, listerSessionHash, creatorTokens, listerToken, deepCursorId);
    }

    /**
     * A session of the server's admin ({@code bench_admin}), made as the lister's: returns the file
     * with its token.
     */
    public static Path adminToken(Database db, Path work) throws Exception {
        db.execute("""
                INSERT INTO login_token (token_hash, local_user_id)
                SELECT encode(sha256(convert_to('bench' || md5('session' || id), 'UTF8')), 'hex'), id
                  FROM local_user WHERE name = 'bench_admin'
                    ON CONFLICT DO NOTHING""");
        return Files.write(
                work.resolve("admin-token.txt"),
                db.queryStrings("SELECT 'bench' || md5('session' || id) FROM local_user WHERE name = 'bench_admin'"));
    }

    /**
     * Grows the invite table to {@code invites} rows, {@code listerInvites} of them the lister's,
     * spread through the id range among the creators' invites; all usable. Returns the seed with
     * the deep page of the grown table.
     */
    public Seed grownTo(Database db, long invites, long listerInvites) throws SQLException {
        long started = System.nanoTime();
        long total = db.queryLong("SELECT count(*) FROM local_user_invite");
        long lister = db.queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId);
        long missing = Math.max(0, invites - total);
        long listerMissing = Math.max(0, Math.min(missing, listerInvites - lister));
        long every = listerMissing == 0 ? Long.MAX_VALUE : Math.max(1, missing / listerMissing);
        db.execute("INSERT INTO local_user_invite (token, local_user_id) SELECT md5('large' || g), CASE WHEN g % "
                + every + " = 0 AND g / " + every + " <= " + listerMissing + " THEN " + listerId + " ELSE "
                + firstCreator + " + g % " + creators() + " END FROM generate_series(1, " + missing + ") g");
        db.execute("VACUUM ANALYZE local_user_invite");
        long deep = deepCursor(db, listerId);
        Log.line(
                "grew local_user_invite to %,d rows (lister %,d, deep cursor id %d) in %.1f s",
                db.queryLong("SELECT count(*) FROM local_user_invite"),
                db.queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId),
                deep,
                (System.nanoTime() - started) / 1e9);
        return new Seed(firstCreator, lastCreator, listerId, listerSessionHash, creatorTokens, listerToken, deep);
    }

    /** Adds {@code rows} invites of the creators that expired a day ago, for the sweep to delete. */
    public void addExpired(Database db, long rows) throws SQLException {
        long started = System.nanoTime();
        db.execute("INSERT INTO local_user_invite (token, local_user_id, published_at, expires_at)"
                + " SELECT md5('expired' || g), " + firstCreator + " + g % " + creators()
                + ", now() - interval '2 days', now() - interval '1 day' + g * interval '1 microsecond'"
                + " FROM generate_series(1, " + rows + ") g");
        db.execute("VACUUM ANALYZE local_user_invite");
        Log.line("seeded %,d expired invites in %.1f s", rows, (System.nanoTime() - started) / 1e9);
    }

    public long creators() {
        return lastCreator - firstCreator + 1;
    }

    /** The API's page cursor of the deep page ({@code page_cursor}). */
    public String deepPageCursor() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("inv:" + deepCursorId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id after which the deep page starts: 90 % down the lister's invites (newest first). */
    private static long deepCursor(Database db, long listerId) throws SQLException {
        long held = db.queryLong("SELECT count(*) FROM local_user_invite WHERE local_user_id = " + listerId);
        long depth = Math.max(1, held * 9 / 10);
        // keyset, not OFFSET: the smallest id among the newest `depth`
        return db.queryLong("SELECT min(id) FROM (SELECT id FROM local_user_invite WHERE local_user_id = " + listerId
                + " ORDER BY id DESC LIMIT " + depth + ") newest");
    }
}
