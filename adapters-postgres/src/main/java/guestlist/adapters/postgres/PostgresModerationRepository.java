package guestlist.adapters.postgres;

import guestlist.application.port.out.ModerationRepository;
import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.ModerationEntryId;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moderation on {@code local_user}, {@code invite_branch} and {@code moderation_log}. The accounts
 * a {@link Scope} reaches are one statement's snapshot of the target and (with invitees) its rows
 * in {@code invite_branch}: {@link #REACHED}, a common table expression each statement starts with.
 */
final class PostgresModerationRepository implements ModerationRepository {

    /**
     * The key of the transaction-scoped advisory lock that puts moderation actions one after
     * another ("gl" and "mod" in ASCII).
     */
    static final long SERIALIZE_KEY = 0x676C_6D6F_64L;

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

    PostgresModerationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void serialize() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", SERIALIZE_KEY)
                .query((rs, row) -> row)
                .single();
    }

    /** A ban holds on the row at {@code :now}: it is set, and it has no end or ends later. */
    private static final String BAN_HOLDS =
            "u.banned_at IS NOT NULL AND (u.ban_expires_at IS NULL OR u.ban_expires_at > :now)";

    /**
     * One statement, so one snapshot of the branch: the accounts it reaches that are not banned on
     * these terms at {@code :now} (no ban, an ended one, another reason or end), each locked by
     * the update. In READ COMMITTED a row that a registration or log-in holds locked is waited
     * for, then judged again as that transaction committed it; an account created meanwhile is
     * not in this snapshot, and the caller's next call reaches it.
     */
    @Override
    public long ban(Scope scope, Ban ban, Instant now) {
        return jdbc.sql(REACHED + "UPDATE local_user u"
                        + " SET banned_at = :bannedAt, ban_reason = :reason, ban_expires_at = :expiresAt"
                        + " FROM reached r WHERE u.id = r.id AND NOT (" + BAN_HOLDS
                        + " AND u.ban_reason = :reason AND u.ban_expires_at IS NOT DISTINCT FROM :expiresAt)")
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .param("bannedAt", Timestamps.parameter(ban.publishedAt()))
                .param("reason", ban.reason())
                .param("expiresAt", Timestamps.parameter(ban.expiresAt()))
                .param("now", Timestamps.parameter(now))
                .update();
    }

    @Override
    public long unban(Scope scope, Instant now) {
        return jdbc.sql(REACHED + "UPDATE local_user u SET banned_at = NULL, ban_reason = NULL, ban_expires_at = NULL"
                        + " FROM reached r WHERE u.id = r.id AND " + BAN_HOLDS)
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .param("now", Timestamps.parameter(now))
                .update();
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

    @Override
    public void endSessions(Scope scope) {
        jdbc.sql(REACHED + "DELETE FROM login_token t USING reached r WHERE t.local_user_id = r.id")
                .param("target", scope.target().value())
                .param("includeInvitees", scope.includeInvitees())
                .update();
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
