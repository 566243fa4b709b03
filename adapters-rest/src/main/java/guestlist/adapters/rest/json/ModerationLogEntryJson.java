package guestlist.adapters.rest.json;

import guestlist.application.port.in.ModerationLogLine;
import guestlist.domain.moderation.ModerationAction;
import guestlist.domain.moderation.ModerationEntry;

/** Guestlist's item of {@code GET /admin/invite/log}: one moderation action, who took it, on whom, how far it reached. */
public record ModerationLogEntryJson(
        long id,
        String action,
        PersonJson admin,
        PersonJson target,
        boolean includeInvitees,
        long affectedAccounts,
        long revokedInvites,
        String reason,
        String expiresAt,
        String publishedAt) {

    public static ModerationLogEntryJson from(ModerationLogLine line) {
        ModerationEntry entry = line.entry();
        return new ModerationLogEntryJson(
                entry.id().value(),
                action(entry.action()),
                PersonJson.from(line.admin()),
                PersonJson.from(line.target()),
                entry.includeInvitees(),
                entry.affectedAccounts(),
                entry.revokedInvites(),
                entry.reason(),
                entry.expiresAt().map(Timestamps::format).orElse(null),
                Timestamps.format(entry.publishedAt()));
    }

    /** The wire's spelling of an action (SPEC §6). */
    static String action(ModerationAction action) {
        return switch (action) {
            case BAN -> "ban";
            case UNBAN -> "unban";
            case REVOKE_ALL -> "revoke_all";
            case DISABLE_INVITES -> "disable_invites";
            case ENABLE_INVITES -> "enable_invites";
        };
    }
}
