package guestlist.adapters.rest.json;

import guestlist.domain.invite.Invite;

/**
 * Lemmy's {@code LocalUserInvite}, plus Guestlist's {@code invite_link} and {@code comment}. Shown to
 * the invite's creator (and to admins), never by the validity check.
 */
public record InviteJson(
        long id,
        String token,
        long localUserId,
        Integer maxUses,
        int usesCount,
        String expiresAt,
        String publishedAt,
        String inviteLink,
        String comment) {

    public static InviteJson from(Invite invite, InviteLinks links) {
        return new InviteJson(
                invite.id().value(),
                invite.token().value(),
                invite.creatorId().value(),
                invite.maxUses().orElse(null),
                invite.usesCount(),
                invite.expiresAt().map(Timestamps::format).orElse(null),
                Timestamps.format(invite.publishedAt()),
                links.linkTo(invite.token()),
                invite.comment().orElse(null));
    }
}
