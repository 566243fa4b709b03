package guestlist.application.port.out;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Invites. Tokens are unique; an invite goes when its creator's account goes. */
public interface InviteRepository {

    /** @throws AlreadyStoredException when an invite has this token already */
    Invite add(NewInvite invite);

    Optional<Invite> findByToken(InviteToken token);

    /**
     * Reads an invite and locks it until the transaction ends: of several transactions redeeming
     * the same invite, each sees the uses the ones before it committed. Its creator's account is
     * locked before it, as {@link UserRepository#lockById} and moderation lock accounts before their
     * invites: one order for every transaction, so none waits for another in a circle.
     */
    Optional<Invite> lockByToken(InviteToken token);

    /** Writes the invite's {@code usesCount}. */
    void updateUses(Invite invite);

    void delete(InviteId inviteId);

    /** How many of a creator's invites are usable at {@code now}. */
    long countUsable(LocalUserId creatorId, Instant now);

    /**
     * A creator's invites usable at {@code now}, newest (highest id) first, only those with an id
     * below {@code beforeId} when given, at most {@code limit}.
     */
    List<Invite> listUsable(LocalUserId creatorId, Instant now, Optional<InviteId> beforeId, int limit);

    /** Deletes at most {@code batchSize} invites expired at {@code now}; returns how many it deleted. */
    int deleteExpired(Instant now, int batchSize);
}
