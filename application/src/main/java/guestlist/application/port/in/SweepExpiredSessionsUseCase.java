package guestlist.application.port.in;

/**
 * Deletes expired sessions in small batches, so the session table does not grow without end.
 * Safe to run in several processes at once; authentication checks expiry itself and never relies
 * on it having run.
 */
public interface SweepExpiredSessionsUseCase {

    /** @return how many sessions were deleted */
    int sweepExpiredSessions();
}
