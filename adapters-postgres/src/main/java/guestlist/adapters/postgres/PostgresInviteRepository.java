package guestlist.adapters.postgres;

import guestlist.application.port.out.InviteRepository;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invites in {@code local_user_invite}. Races are settled by row locks: registrations lock the
 * invite they redeem ({@code FOR UPDATE}), sweeps skip the rows another sweep or a registration
 * holds ({@code SKIP LOCKED}).
 *
 * <p>The quota records: {@code invite_creation} (a row per invite added, written by the same
 * statement, numbered in its creator's order: {@link #nthLatestAddition}) and {@code invite_signup}
 * (a row per account that joined through an invite). Counting the sign-ups takes a
 * transaction-scoped advisory lock first ({@link #lockSignupsSince}).
 */
final class PostgresInviteRepository implements InviteRepository {

    /** Usable at {@code :now}: not expired (expiry strictly later) and not used up. */
    private static final String USABLE =
            "(expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses_count < max_uses)";

    /**
     * The statements of {@link #listUsable}: the first page, and a page below the cursor
     * {@code :beforeId}. Package-private for {@code InviteListPlanTest}, which checks their plan.
     */
    static final String LIST_USABLE = listUsableSql("");

    static final String LIST_USABLE_BELOW = listUsableSql(" AND id < :beforeId");

    private final JdbcClient jdbc;

    PostgresInviteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The advisory lock that serializes the counts of sign-ups through invites, in PostgreSQL's key
     * space of two integers (apart from the one-bigint space that Flyway's lock uses): the oid of
     * the table {@code invite_signup}, and 0.
     */
    private static final String LOCK_SIGNUPS = "SELECT pg_advisory_xact_lock('invite_signup'::regclass::oid::int, 0)";

    /**
     * The invite and its creation record, in one statement: the record takes the creator's next place
     * ({@code seq}, one after its latest record's, or 1) and the invite's instant, or its latest
     * record's when that is later (another process's clock may be behind), so that one creator's
     * records never go back in time. The creator is locked by the caller: no other addition of its
     * takes the same place meanwhile (the unique index would refuse it).
     */
    private static final String ADD = """
            WITH added AS (
                INSERT INTO local_user_invite (token, local_user_id, max_uses, expires_at, published_at, comment)
                VALUES (:token, :creatorId, :maxUses, :expiresAt, :publishedAt, :comment)
                RETURNING %1$s
            ), latest AS (
                SELECT seq, published_at FROM invite_creation
                 WHERE local_user_id = :creatorId
                 ORDER BY seq DESC
                 LIMIT 1
            ), recorded AS (
                INSERT INTO invite_creation (local_user_id, seq, published_at)
                SELECT a.local_user_id,
                       coalesce((SELECT seq FROM latest), 0) + 1,
                       greatest(a.published_at, (SELECT published_at FROM latest))
                  FROM added a
            )
            SELECT %1$s FROM added""".formatted(Rows.INVITE_COLUMNS);

    @Override
    public Invite add(NewInvite invite) {
        return UniqueViolations.asAlreadyStored(
                "an invite with that token exists already",
                () -> jdbc.sql(ADD)
                        .param("token", invite.token().value())
                        .param("creatorId", invite.creatorId().value())
                        .param("maxUses", invite.maxUses().orElse(null), Types.INTEGER)
                        .param("expiresAt", Timestamps.parameter(invite.expiresAt()))
                        .param("publishedAt", Timestamps.parameter(invite.publishedAt()))
                        .param("comment", invite.comment().orElse(null), Types.VARCHAR)
                        .query(Rows::invite)
                        .single());
    }

    @Override
    public Optional<Invite> findByToken(InviteToken token) {
        return jdbc.sql("SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite WHERE token = :token")
                .param("token", token.value())
                .query(Rows::invite)
                .optional();
    }

    /** One statement for any number of tokens: an array parameter, so one prepared statement serves every count. */
    @Override
    public List<Invite> findByTokens(Set<InviteToken> tokens) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite WHERE token = ANY(:tokens)")
                .param("tokens", tokens.stream().map(InviteToken::value).toArray(String[]::new))
                .query(Rows::invite)
                .list();
    }

    /**
     * {@code FOR UPDATE}: in READ COMMITTED a waiter, once the holder commits, reads the row as
     * committed (with the uses taken) or finds it deleted (its last use was taken, or it was revoked).
     *
     * <p>The creator's account is locked first ({@code FOR NO KEY UPDATE}, as creating an invite
     * locks it): the registration will lock it anyway when the new account counts as one more of
     * its invitees ({@code invite_branch_add} updates {@code invitee_count}), and taking it after the
     * invite would be the opposite order of a moderation action, which locks the accounts it
     * reaches and then deletes their invites. Two transactions waiting for each other in a circle
     * is what PostgreSQL ends as a deadlock.
     */
    @Override
    public Optional<Invite> lockByToken(InviteToken token) {
        jdbc.sql("""
                        SELECT u.id FROM local_user u JOIN local_user_invite i ON i.local_user_id = u.id
                         WHERE i.token = :token
                           FOR NO KEY UPDATE OF u""").param("token", token.value()).query(Long.class).optional();
        return jdbc.sql("SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite WHERE token = :token FOR UPDATE")
                .param("token", token.value())
                .query(Rows::invite)
                .optional();
    }

    @Override
    public void updateUses(Invite invite) {
        jdbc.sql("UPDATE local_user_invite SET uses_count = :uses WHERE id = :id")
                .param("uses", invite.usesCount())
                .param("id", invite.id().value())
                .update();
    }

    @Override
    public void delete(InviteId inviteId) {
        jdbc.sql("DELETE FROM local_user_invite WHERE id = :id")
                .param("id", inviteId.value())
                .update();
    }

    @Override
    public long countUsable(LocalUserId creatorId, Instant now) {
        return jdbc.sql("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creatorId AND " + USABLE)
                .param("creatorId", creatorId.value())
                .param("now", Timestamps.parameter(now))
                .query(Long.class)
                .single();
    }

    /**
     * Keyset pagination on the id: the cost of a page does not grow with how far down it is.
     *
     * <p>The creator is matched as a range ({@code BETWEEN :creatorId AND :creatorId}), not with
     * {@code =}, and the rows ordered by {@code local_user_id, id DESC}. With {@code =} the planner
     * treats {@code local_user_id} as a constant and the order as plain {@code id DESC}, which the
     * primary key yields as well: it then walks the primary key backwards and filters, assuming
     * the creator's invites are spread over the ids, while a creator whose invites are old has
     * them all at the low end and the walk reads every newer invite of everyone else first
     * (33,000 rows read for 21 in the benchmark's table). As a range the order is only the
     * creator's index's {@code (local_user_id, id DESC)}; any other plan must sort, and is costed
     * as such. {@code InviteListPlanTest} holds the plan to that.
     */
    @Override
    public List<Invite> listUsable(LocalUserId creatorId, Instant now, Optional<InviteId> beforeId, int limit) {
        JdbcClient.StatementSpec statement = jdbc.sql(beforeId.isPresent() ? LIST_USABLE_BELOW : LIST_USABLE)
                .param("creatorId", creatorId.value())
                .param("now", Timestamps.parameter(now))
                .param("limit", limit);
        beforeId.ifPresent(id -> statement.param("beforeId", id.value()));
        return statement.query(Rows::invite).list();
    }

    private static String listUsableSql(String below) {
        // BETWEEN, not "=": a planner steer, not a range. With "=" PostgreSQL drops the constant
        // local_user_id from the ORDER BY and may serve "id DESC" by walking the primary key
        // backwards, filtering out everyone else's newer invites; as a range only the creator's
        // index (local_user_id, id DESC) gives the order without a sort. See listUsable and
        // InviteListPlanTest, which fails when the plan changes.
        return "SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite"
                + " WHERE local_user_id BETWEEN :creatorId AND :creatorId AND " + USABLE + below
                + " ORDER BY local_user_id, id DESC LIMIT :limit";
    }

    /**
     * A row a registration holds locked ({@link #lockByToken}) is left for the next sweep; see
     * {@link ExpiredRows#deleteBatch}.
     */
    @Override
    public int deleteExpired(Instant now, int batchSize) {
        return ExpiredRows.deleteBatch(jdbc, "local_user_invite", "id", now, batchSize);
    }

    /**
     * Two probes of {@code invite_creation_seq_key}: the creator's latest place, then the row n - 1
     * places before it (index-only once the rows are all-visible). A place below 1, or one whose row
     * the sweep deleted, is no row: fewer than n are recorded.
     */
    @Override
    public Optional<Instant> nthLatestAddition(LocalUserId creatorId, int n) {
        return jdbc.sql("""
                        SELECT published_at FROM invite_creation
                         WHERE local_user_id = :creatorId
                           AND seq = (SELECT max(seq) FROM invite_creation WHERE local_user_id = :creatorId) - :n + 1""")
                .param("creatorId", creatorId.value())
                .param("n", n)
                .query((rs, row) -> Timestamps.read(rs, "published_at"))
                .optional();
    }

    @Override
    public void recordSignup(Instant at) {
        jdbc.sql("INSERT INTO invite_signup (published_at) VALUES (:at)")
                .param("at", Timestamps.parameter(at))
                .update();
    }

    /**
     * First a transaction-scoped advisory lock ({@code pg_advisory_xact_lock}, released at commit or
     * rollback), then the count, in a statement of its own: in READ COMMITTED each statement sees
     * what was committed before it started, so the count, which starts once the lock is held, sees
     * the sign-up of the transaction that held the lock before (it committed before releasing it).
     * In one statement the count's snapshot could predate the lock.
     */
    @Override
    public long lockSignupsSince(Instant since) {
        jdbc.sql(LOCK_SIGNUPS).query((rs, rowNum) -> Boolean.TRUE).single();
        return jdbc.sql("SELECT count(*) FROM invite_signup WHERE published_at > :since")
                .param("since", Timestamps.parameter(since))
                .query(Long.class)
                .single();
    }

    /** The creation records first, then the sign-up records; see {@link ExpiredRows#deleteBatchUntil}. */
    @Override
    public int deleteQuotaRecordsUntil(Instant cutoff, int batchSize) {
        int deleted = ExpiredRows.deleteBatchUntil(jdbc, "invite_creation", "id", "published_at", cutoff, batchSize);
        if (deleted == batchSize) {
            return deleted;
        }
        return deleted
                + ExpiredRows.deleteBatchUntil(
                        jdbc, "invite_signup", "id", "published_at", cutoff, batchSize - deleted);
    }
}
