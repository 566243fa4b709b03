package guestlist.domain.invite;

import guestlist.domain.account.LocalUserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An invite that passed the creation rules and is about to be stored (it has no id yet). */
public record NewInvite(
        InviteToken token,
        LocalUserId creatorId,
        Optional<Integer> maxUses,
        Optional<Instant> expiresAt,
        Instant publishedAt,
        Optional<String> comment) {

    public NewInvite {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(comment, "comment");
    }

    public Invite withId(InviteId id) {
        return new Invite(id, token, creatorId, maxUses, 0, expiresAt, publishedAt, comment);
    }
}
