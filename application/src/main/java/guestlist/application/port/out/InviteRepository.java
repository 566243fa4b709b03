package guestlist.application.port.out;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Invites. Tokens are unique; an invite goes when its creator's account goes.
 *
 * <p>For the daily quotas it also keeps two records that outlive the invites: when each invite was
 * added, and when each account joined through an invite. They are kept until
 * {@link #deleteQuotaRecordsUntil} deletes them (the oldest first); an answer about the records
 * after an instant is exact as long as no record after that instant was deleted.
 */
public interface InviteRepository {

    /**
     * Stores the invite and records its creation for {@link #nthLatestAddition}, in one go. The
     * caller holds the creator locked ({@link UserRepository#lockById}): one creator's additions are
     * recorded one after another.
     *
     * @throws AlreadyStoredException when an invite has this token already
     */
    Invite add(NewInvite invite);

    Optional<Invite> findByToken(InviteToken token);

    /** The invites that some of {@code tokens} name, in one look-up; a token that names none is left out. */
    List<Invite> findByTokens(Set<InviteToken> tokens);

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

    /**
     * When the creator {@linkplain #add added} the {@code n}-th latest of its invites (1 = the latest),
     * whether it still exists or not (used up, revoked, expired, swept); empty when the creator added
     * fewer than {@code n} of those still recorded. The records of one creator are in the order they
     * were added, and their instants never go back (an addition stamped earlier than the one before
     * it, by another process's clock, is recorded at the instant of the one before), so that the
     * creator added {@code n} or more after an instant exactly when this one is after it. One
     * look-up, however many the creator added. The caller holds the creator locked
     * ({@link UserRepository#lockById}) so that the answer stays true until its transaction ends.
     */
    Optional<Instant> nthLatestAddition(LocalUserId creatorId, int n);

    /** Records that an account joined through an invite at {@code at}, for {@link #lockSignupsSince}. */
    void recordSignup(Instant at);

    /**
     * How many sign-ups through invites were {@linkplain #recordSignup recorded} strictly after
     * {@code since}, site-wide, and a hold on that count until the transaction ends: of several
     * transactions that call this, in every process sharing the store, each waits until the one
     * before it has ended and then counts what that one recorded too. Registrations with an invite
     * call it only while the site limits them per day.
     */
    long lockSignupsSince(Instant since);

    /**
     * Deletes at most {@code batchSize} of the quota records (invites added, sign-ups through invites)
     * made at or before {@code cutoff}; returns how many it deleted.
     */
    int deleteQuotaRecordsUntil(Instant cutoff, int batchSize);
}
