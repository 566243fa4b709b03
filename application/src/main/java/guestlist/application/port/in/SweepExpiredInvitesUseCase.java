package guestlist.application.port.in;

/**
 * Deletes expired invites, and the quota records older than the daily counts need, in small
 * batches. Safe to run in several processes at once.
 */
public interface SweepExpiredInvitesUseCase {

    /** @return how many invites were deleted */
    int sweepExpiredInvites();
}
