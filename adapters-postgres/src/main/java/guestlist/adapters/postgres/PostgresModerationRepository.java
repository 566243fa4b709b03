package guestlist.adapters.postgres;

import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.Unavailable;
import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.ModerationEntryId;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moderation on {@code local_user}, {@code invite_branch} and {@code moderation_log}. The accounts
 * a {@link Scope} reaches are one statement's snapshot of the target and (with invitees) its rows
 * in {@code invite_branch}: {@link #REACHED}, a common table expression each statement of a
 * revocation or permission change starts with. Bans and unbans go through the same rows a batch at
 * a time, in the order of the closure table's primary key {@code (ancestor_id, depth,
 * descendant_id)}: {@link #NEXT_PLACES}, one index range from the last place of the batch before.
 */
final class PostgresModerationRepository implements ModerationRepository {

    /**
     * The key of the transaction-scoped advisory lock that puts moderation actions one after
     * another ("gl" and "mod" in ASCII).
     */
    static final long SERIALIZE_KEY = 0x676C_6D6F_64L;

    /**
     * How long a moderation action waits for the one before it to end. A branch ban of a million
     * accounts runs for tens of seconds, longer than the store may take to answer one statement
     * ({@link PostgresPersistence#ANSWER_TIMEOUT}): the lock is asked for without waiting, again and
     * again, rather than waited for in one statement.
     */
    static final Duration SERIALIZE_WAIT = Duration.ofMinutes(2);

    private static final long SERIALIZE_POLL_MILLIS = 20;

    /**
     * {@code reached(id)}: the non-admin accounts a scope reaches, for parameters {@code :target}
     * and {@code :includeInvitees}.
     */
    static final String REACHED = """
            WITH reached AS (
                SELECT u.id FROM local_user u WHERE u.id = :target AND NOT u.admin
                UNION
                SELECT u.id FROM invite_branch b JOIN local_user u ON u.id = b.descendant_id
                WHERE :includeInvitees AND b.ancestor_id = :target AND NOT u.admin
            )
            """;

    private final JdbcClient jdbc;
    private final Duration serializeWait;

    PostgresModerationRepository(JdbcClient jdbc) {
        this(jdbc, SERIALIZE_WAIT);
    }

    /** With another bound on the wait for the action before: tests. */
    PostgresModerationRepository(JdbcClient jdbc, Duration serializeWait) {
        this.jdbc = jdbc;
        this.serializeWait = serializeWait;
    }

    /**
     * The transaction-scoped advisory lock {@link #SERIALIZE_KEY}, asked for with
     * {@code pg_try_advisory_xact_lock} every {@value #SERIALIZE_POLL_MILLIS} ms until it is had, each
     * question answered at once; after {@link #SERIALIZE_WAIT} (unless told otherwise) the action gives up as
     * {@link Unavailable} (nothing was done yet; trying again later may succeed).
     */
    @Override
    public void serialize() {
        long deadline = System.nanoTime() + serializeWait.toNanos();
        while (!Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", SERIALIZE_KEY)
                .query(Boolean.class)
                .single())) {
            if (System.nanoTime() - deadline > 0) {
                throw new Unavailable("another moderation action has run for longer than " + serializeWait
                        + "; try again when it has ended");
            }
            try {
                Thread.sleep(SERIALIZE_POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new Unavailable("stopped while waiting for another moderation action to end", interrupted);
            }
        }
    }

    /** A ban holds on the row at {@code :now}: it is set, and it has no end or ends later. */
    private static final String BAN_HOLDS =
            "u.banned_at IS NOT NULL AND (u.ban_expires_at IS NULL OR u.ban_expires_at > :now)";

    /**
     * The places of a batch ({@code places(id, depth)}): the target (depth 0) when the batch starts
     * at the scope's start, then, with invitees, the target's rows of {@code invite_branch} after
     * {@code (:afterDepth, :afterId)} in the order of its primary key (one index range), at most
     * {@code :limit} in all. The scope's start is {@code (-1, 0)}.
     */
    private static final String NEXT_PLACES = """
            WITH places AS (
                SELECT id, depth FROM (
                    SELECT u.id, 0 AS depth FROM local_user u WHERE :afterDepth < 0 AND u.id = :target
                    UNION ALL
                    (SELECT b.descendant_id, b.depth FROM invite_branch b
                      WHERE :includeInvitees AND b.ancestor_id = :target
                        AND (b.depth, b.descendant_id) > (:afterDepth, :afterId)
                      ORDER BY b.depth, b.descendant_id
                      LIMIT :limit)
                ) candidates
                ORDER BY depth, id
                LIMIT :limit
            )
            """;

    /**
     * The accounts a batch went through that the scope reaches ({@code reached(id)}): the places
     * after {@code (:afterDepth, :afterId)} up to {@code (:lastDepth, :lastId)}, admins left out;
     * an account that joined the branch within that range since is among them.
     */
    private static final String BATCH_REACHED = """
            WITH reached AS (
                SELECT u.id FROM local_user u WHERE :afterDepth < 0 AND u.id = :target AND NOT u.admin
                UNION ALL
                SELECT u.id FROM invite_branch b JOIN local_user u ON u.id = b.descendant_id
                 WHERE :includeInvitees AND b.ancestor_id = :target
                   AND (b.depth, b.descendant_id) > (:afterDepth, :afterId)
                   AND (b.depth, b.descendant_id) <= (:lastDepth, :lastId)
                   AND NOT u.admin
            )
            """;

    /**
     * What the first statement of a batch answers, after {@link #NEXT_PLACES} and a {@code changed}
     * step: how many places it went through, how many accounts it changed, and its last place.
     */
    private static final String BATCH_ANSWER = """
            SELECT (SELECT count(*) FROM places) AS examined,
                   (SELECT count(*) FROM changed) AS changed,
                   last.depth AS last_depth,
                   last.id AS last_id
              FROM (SELECT 1) one
              LEFT JOIN LATERAL (SELECT depth, id FROM places ORDER BY depth DESC, id DESC LIMIT 1) last ON true""";

    /**
     * Three statements: the ban of the accounts of the batch not already banned on these terms at
     * {@code :now} (one {@code UPDATE}, which locks each; in READ COMMITTED a row that a
     * registration or log-in holds locked is waited for, then judged again as that transaction
     * committed it, while an account created meanwhile is not in this statement's snapshot), then
     * the deletion of the invites, then of the sessions, of every account of the batch the scope
     * reaches: accounts before invites, as a registration locks them.
     */
    @Override
    public Batch ban(Scope scope, Ban ban, Instant now, Optional<Position> after, int limit) {
        Examined examined = examine(
                NEXT_PLACES + """
                        , changed AS (
                            UPDATE local_user u
                               SET banned_at = :bannedAt, ban_reason = :reason, ban_expires_at = :expiresAt
                              FROM places p
                             WHERE u.id = p.id AND NOT u.admin
                               AND NOT (""" + BAN_HOLDS + """
                         AND u.ban_reason = :reason AND u.ban_expires_at IS NOT DISTINCT FROM :expiresAt)
                            RETURNING u.id
                        )
                        """ + BATCH_ANSWER,
                scope,
                after,
                limit,
                statement -> statement
                        .param("bannedAt", Timestamps.parameter(ban.publishedAt()))
                        .param("reason", ban.reason())
                        .param("expiresAt", Timestamps.parameter(ban.expiresAt()))
                        .param("now", Timestamps.parameter(now)));
        if (examined.last().isEmpty()) {
            return new Batch(0, 0, 0, Optional.empty());
        }
        Position last = examined.last().get();
        long revoked = inBatch(BATCH_REACHED + """
                                , gone AS (
                                    DELETE FROM local_user_invite i USING reached r WHERE i.local_user_id = r.id
                                    RETURNING 1
                                )
                                SELECT count(*) FROM gone""", scope, after, last)
                .query(Long.class)
                .single();
        inBatch(
                        BATCH_REACHED + "DELETE FROM login_token t USING reached r WHERE t.local_user_id = r.id",
                        scope,
                        after,
                        last)
                .update();
        return new Batch(examined.places(), examined.changed(), revoked, examined.last());
    }

    /** One {@code UPDATE} of the accounts of the batch whose ban holds at {@code :now}. */
    @Override
    public Batch unban(Scope scope, Instant now, Optional<Position> after, int limit) {
        Examined examined = examine(
                NEXT_PLACES + """
                        , changed AS (
                            UPDATE local_user u SET banned_at = NULL, ban_reason = NULL, ban_expires_at = NULL
                              FROM places p
                             WHERE u.id = p.id AND NOT u.admin
                               AND (""" + BAN_HOLDS + """
                        )
                            RETURNING u.id
                        )
                        """ + BATCH_ANSWER,
                scope,
                after,
                limit,
                statement -> statement.param("now", Timestamps.parameter(now)));
        return new Batch(examined.places(), examined.changed(), 0, examined.last());
    }

    /** What the first statement of a batch found. */
    private record Examined(int places, long changed, Optional<Position> last) {}

    private Examined examine(
            String sql,
            Scope scope,
            Optional<Position> after,
            int limit,
            UnaryOperator<JdbcClient.StatementSpec> parameters) {
        return parameters
                .apply(from(jdbc.sql(sql), scope, after))
                .param("limit", limit)
                .query((rs, row) -> {
                    long lastId = rs.getLong("last_id");
                    Optional<Position> last = rs.wasNull()
                            ? Optional.empty()
                            : Optional.of(new Position(rs.getInt("last_depth"), new LocalUserId(lastId)));
                    return new Examined(rs.getInt("examined"), rs.getLong("changed"), last);
                })
                .single();
    }

    /**
     * A statement over the places after {@code after} up to {@code last}, with the parameters of
     * {@link #BATCH_REACHED} set.
     */
    private JdbcClient.StatementSpec inBatch(String sql, Scope scope, Optional<Position> after, Position last) {
        return from(jdbc.sql(sql), scope, after)
                .param("lastDepth", last.depth())
                .param("lastId", last.account().value());
    }

    /** The target, whether invitees are included, and where the batch starts ({@code (-1, 0)}: the scope's start). */
    private static JdbcClient.StatementSpec from(
            JdbcClient.StatementSpec statement, Scope scope, Optional<Position> after) {
        return statement
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .param("afterDepth", after.map(Position::depth).orElse(-1))
                .param(
                        "afterId",
                        after.map(position -> position.account().value()).orElse(0L));
    }

    @Override
    public Revoked revokeInvites(Scope scope) {
        return jdbc.sql(REACHED + """
                        , gone AS (
                            DELETE FROM local_user_invite i USING reached r WHERE i.local_user_id = r.id
                            RETURNING i.local_user_id
                        )
                        SELECT count(DISTINCT local_user_id) AS accounts, count(*) AS invites FROM gone""")
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .query((rs, row) -> new Revoked(rs.getLong("accounts"), rs.getLong("invites")))
                .single();
    }

    /**
     * One {@code UPDATE} of the accounts reached whose permission differs: it locks each of them, so
     * an invite creation of one of them that started earlier (it locks its creator first) has
     * committed before, and one that starts later sees the new permission.
     */
    @Override
    public long setInvitePermission(Scope scope, InvitePermission permission) {
        return jdbc.sql(REACHED + """
                        UPDATE local_user u SET can_invite = :canInvite, invites_disabled_reason = :reason
                          FROM reached r
                         WHERE u.id = r.id
                           AND (u.can_invite, u.invites_disabled_reason) IS DISTINCT FROM (:canInvite, :reason)""")
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .param("canInvite", permission.canInvite())
                .param("reason", permission.reason().orElse(null), Types.VARCHAR)
                .update();
    }

    @Override
    public ModerationEntry append(ModerationEntry.New entry) {
        long id = jdbc.sql("""
                        INSERT INTO moderation_log
                            (action, admin_local_user_id, target_local_user_id, include_invitees, affected_accounts,
                             revoked_invites, reason, expires_at, published_at)
                        VALUES (:action, :admin, :target, :includeInvitees, :affected, :revoked, :reason, :expiresAt,
                                :publishedAt)
                        RETURNING id""")
                .param("action", Rows.actionName(entry.action()))
                .param("admin", entry.admin().value())
                .param("target", entry.scope().target().value())
                .param("includeInvitees", entry.scope().includeInvitees())
                .param("affected", entry.affectedAccounts())
                .param("revoked", entry.revokedInvites())
                .param("reason", entry.reason())
                .param("expiresAt", Timestamps.parameter(entry.expiresAt()))
                .param("publishedAt", Timestamps.parameter(entry.publishedAt()))
                .query(Long.class)
                .single();
        return entry.withId(new ModerationEntryId(id));
    }

    /** Newest first: a backward range of the primary key, below the last id served. */
    @Override
    public List<ModerationEntry> log(Optional<PagePosition> before, int limit) {
        return jdbc.sql("""
                        SELECT id, action, admin_local_user_id, target_local_user_id, include_invitees,
                               affected_accounts, revoked_invites, reason, expires_at, published_at
                          FROM moderation_log
                         WHERE id < :before
                         ORDER BY id DESC
                         LIMIT :limit""")
                .param("before", before.map(PagePosition::lastId).orElse(Long.MAX_VALUE))
                .param("limit", limit)
                .query(Rows::moderationEntry)
                .list();
    }
}
