package guestlist.adapters.postgres;

import guestlist.application.port.out.UserRepository.StoredCredentials;
import guestlist.domain.account.Ban;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.Username;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.ModerationEntryId;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Rows to domain objects (ids from their numbers); timestamps through {@link Timestamps}. */
final class Rows {

    /** The columns of {@code local_user} that {@link #user} reads, for {@code SELECT}s and {@code RETURNING}. */
    static final String USER_COLUMNS =
            "id, name, email, admin, accepted_application, invited_by_local_user_id, published_at, banned_at,"
                    + " ban_reason, ban_expires_at, can_invite, invites_disabled_reason, invitee_count";

    static final String SITE_COLUMNS =
            "id, name, registration_mode, application_question, max_invites_per_user_allowed,"
                    + " invite_min_account_age_hours, invites_per_user_per_day, invite_signups_per_day, invites_skip_application,"
                    + " published_at";

    static final String INVITE_COLUMNS =
            "id, token, local_user_id, max_uses, uses_count, expires_at, published_at, comment";

    static final String APPLICATION_COLUMNS =
            "id, local_user_id, answer, admin_id, deny_reason, published_at, updated_at";

    private Rows() {}

    static LocalUser user(ResultSet rs, int rowNum) throws SQLException {
        return new LocalUser(
                new LocalUserId(rs.getLong("id")),
                new Username(rs.getString("name")),
                Optional.ofNullable(rs.getString("email")).map(EmailAddress::new),
                rs.getBoolean("admin"),
                rs.getBoolean("accepted_application"),
                optionalLong(rs, "invited_by_local_user_id").map(LocalUserId::new),
                Timestamps.read(rs, "published_at"),
                ban(rs),
                new InvitePermission(
                        rs.getBoolean("can_invite"), Optional.ofNullable(rs.getString("invites_disabled_reason"))),
                rs.getInt("invitee_count"));
    }

    private static Optional<Ban> ban(ResultSet rs) throws SQLException {
        Optional<Instant> bannedAt = Timestamps.readOptional(rs, "banned_at");
        if (bannedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Ban(rs.getString("ban_reason"), Timestamps.readOptional(rs, "ban_expires_at"), bannedAt.get()));
    }

    static StoredCredentials credentials(ResultSet rs, int rowNum) throws SQLException {
        return new StoredCredentials(user(rs, rowNum), rs.getString("password_hash"));
    }

    static LocalSite site(ResultSet rs, int rowNum) throws SQLException {
        return new LocalSite(
                rs.getLong("id"),
                rs.getString("name"),
                mode(rs.getString("registration_mode")),
                Optional.ofNullable(rs.getString("application_question")),
                rs.getInt("max_invites_per_user_allowed"),
                rs.getInt("invite_min_account_age_hours"),
                rs.getInt("invites_per_user_per_day"),
                rs.getInt("invite_signups_per_day"),
                rs.getBoolean("invites_skip_application"),
                Timestamps.read(rs, "published_at"));
    }

    static Invite invite(ResultSet rs, int rowNum) throws SQLException {
        return new Invite(
                new InviteId(rs.getLong("id")),
                new InviteToken(rs.getString("token")),
                new LocalUserId(rs.getLong("local_user_id")),
                optionalInt(rs, "max_uses"),
                rs.getInt("uses_count"),
                Timestamps.readOptional(rs, "expires_at"),
                Timestamps.read(rs, "published_at"),
                Optional.ofNullable(rs.getString("comment")));
    }

    static RegistrationApplication application(ResultSet rs, int rowNum) throws SQLException {
        return new RegistrationApplication(
                new ApplicationId(rs.getLong("id")),
                new LocalUserId(rs.getLong("local_user_id")),
                rs.getString("answer"),
                optionalLong(rs, "admin_id").map(LocalUserId::new),
                Optional.ofNullable(rs.getString("deny_reason")),
                Timestamps.read(rs, "published_at"),
                Timestamps.readOptional(rs, "updated_at"));
    }

    /** A registration mode as {@code local_site.registration_mode} spells it (the column's CHECK lists them). */
    static String modeName(RegistrationMode mode) {
        return switch (mode) {
            case OPEN -> "open";
            case REQUIRE_APPLICATION -> "require_application";
            case REQUIRE_INVITATION -> "require_invitation";
            case CLOSED -> "closed";
        };
    }

    private static RegistrationMode mode(String name) {
        for (RegistrationMode mode : RegistrationMode.values()) {
            if (modeName(mode).equals(name)) {
                return mode;
            }
        }
        throw new IllegalStateException("local_site holds an unknown registration_mode: " + name);
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static ModerationEntry moderationEntry(ResultSet rs, int rowNum) throws SQLException {
        return new ModerationEntry(
                new ModerationEntryId(rs.getLong("id")),
                action(rs.getString("action")),
                new LocalUserId(rs.getLong("admin_local_user_id")),
                new LocalUserId(rs.getLong("target_local_user_id")),
                rs.getBoolean("include_invitees"),
                rs.getLong("affected_accounts"),
                rs.getLong("revoked_invites"),
                rs.getString("reason"),
                Timestamps.readOptional(rs, "expires_at"),
                Timestamps.read(rs, "published_at"));
    }

    /** The log's spelling of a moderation action. */
    static String actionName(ModerationAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    /** The moderation action the log spells {@code name}. */
    static ModerationAction action(String name) {
        return ModerationAction.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
