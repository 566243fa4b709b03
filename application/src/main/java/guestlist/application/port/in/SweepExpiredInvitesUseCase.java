package guestlist.application.port.in;

/** Deletes expired invites in small batches. Safe to run in several processes at once. */
public interface SweepExpiredInvitesUseCase {

    /** @return how many invites were deleted */
    int sweepExpiredInvites();
}
