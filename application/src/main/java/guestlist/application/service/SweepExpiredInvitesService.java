package guestlist.application.service;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;

/** Deletes the invites expired at the sweep's start, one {@link BatchedSweep batch} per transaction. */
public final class SweepExpiredInvitesService implements SweepExpiredInvitesUseCase {

    /** Expired invites deleted per sweep transaction: small enough never to hold locks for long. */
    public static final int BATCH_SIZE = BatchedSweep.BATCH_SIZE;

    private final Transactions transactions;
    private final InviteRepository invites;
    private final Clock clock;

    public SweepExpiredInvitesService(Transactions transactions, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public int sweepExpiredInvites() {
        Instant now = clock.instant();
        return BatchedSweep.run(transactions, () -> invites.deleteExpired(now, BATCH_SIZE));
    }
}
