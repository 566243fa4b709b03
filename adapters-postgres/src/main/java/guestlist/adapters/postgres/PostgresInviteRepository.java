package guestlist.adapters.postgres;

import guestlist.application.port.out.InviteRepository;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invites in {@code local_user_invite}. Races are settled by row locks: registrations lock the
 * invite they redeem ({@code FOR UPDATE}), sweeps skip the rows another sweep or a registration
 * holds ({@code SKIP LOCKED}).
 */
final class PostgresInviteRepository implements InviteRepository {

    /** Usable at {@code :now}: not expired (expiry strictly later) and not used up. */
    private static final String USABLE =
            "(expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses_count < max_uses)";

    private final JdbcClient jdbc;

    PostgresInviteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Invite add(NewInvite invite) {
        return jdbc.sql("""
                        INSERT INTO local_user_invite (token, local_user_id, max_uses, expires_at, published_at)
                        VALUES (:token, :creatorId, :maxUses, :expiresAt, :publishedAt)
                        RETURNING\s""" + Rows.INVITE_COLUMNS)
                .param("token", invite.token().value())
                .param("creatorId", invite.creatorId().value())
                .param("maxUses", invite.maxUses().orElse(null), Types.INTEGER)
                .param("expiresAt", Rows.utcOrNull(invite.expiresAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("publishedAt", Rows.utc(invite.publishedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .query(Rows::invite)
                .single();
    }

    @Override
    public Optional<Invite> findByToken(InviteToken token) {
        return jdbc.sql("SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite WHERE token = :token")
                .param("token", token.value())
                .query(Rows::invite)
                .optional();
    }

    /**
     * {@code FOR UPDATE}: in READ COMMITTED a waiter, once the holder commits, reads the row as
     * committed (with the uses taken) or finds it deleted (its last use was taken, or it was revoked).
     */
    @Override
    public Optional<Invite> lockByToken(InviteToken token) {
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
        jdbc.sql("DELETE FROM local_user_invite WHERE id = :id").param("id", inviteId.value()).update();
    }

    @Override
    public long countUsable(LocalUserId creatorId, Instant now) {
        return jdbc.sql("SELECT count(*) FROM local_user_invite WHERE local_user_id = :creatorId AND " + USABLE)
                .param("creatorId", creatorId.value())
                .param("now", Rows.utc(now), Types.TIMESTAMP_WITH_TIMEZONE)
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
     * as such.
     */
    @Override
    public List<Invite> listUsable(LocalUserId creatorId, Instant now, Optional<InviteId> beforeId, int limit) {
        String below = beforeId.isPresent() ? " AND id < :beforeId" : "";
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + Rows.INVITE_COLUMNS + " FROM local_user_invite"
                        + " WHERE local_user_id BETWEEN :creatorId AND :creatorId AND " + USABLE + below
                        + " ORDER BY local_user_id, id DESC LIMIT :limit")
                .param("creatorId", creatorId.value())
                .param("now", Rows.utc(now), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("limit", limit);
        beforeId.ifPresent(id -> statement.param("beforeId", id.value()));
        return statement.query(Rows::invite).list();
    }

    /**
     * Picks at most {@code batchSize} expired rows with {@code FOR UPDATE SKIP LOCKED}, so sweeps
     * running at once in several processes never wait for each other nor delete (and count) the
     * same row twice; a row a registration holds locked is left for the next sweep.
     */
    @Override
    public int deleteExpired(Instant now, int batchSize) {
        return jdbc.sql("""
                        WITH doomed AS (
                            SELECT id FROM local_user_invite
                             WHERE expires_at <= :now
                             LIMIT :batchSize
                               FOR UPDATE SKIP LOCKED
                        )
                        DELETE FROM local_user_invite invite USING doomed WHERE invite.id = doomed.id""")
                .param("now", Rows.utc(now), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("batchSize", batchSize)
                .update();
    }
}
