package guestlist.application.service;

import guestlist.application.port.in.SweepExpiredInvitesUseCase;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.domain.site.LocalSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes the invites expired at the sweep's start, one {@link BatchedSweep batch} per transaction;
 * then the quota records (invites added, sign-ups through invites) that no daily count needs any
 * more, in batches too.
 */
public final class SweepExpiredInvitesService implements SweepExpiredInvitesUseCase {

    /** Expired invites deleted per sweep transaction: small enough never to hold locks for long. */
    public static final int BATCH_SIZE = BatchedSweep.BATCH_SIZE;

    /**
     * How long quota records are kept: the daily counts' window and an hour more, so that a server
     * process whose clock runs behind the sweeping one still finds every record of its window.
     */
    public static final Duration QUOTA_RECORDS_KEPT = LocalSite.QUOTA_WINDOW.plusHours(1);

    private final Transactions transactions;
    private final InviteRepository invites;
    private final Clock clock;

    public SweepExpiredInvitesService(Transactions transactions, InviteRepository invites, Clock clock) {
        this.transactions = transactions;
        this.invites = invites;
        this.clock = clock;
    }

    /** @return how many expired invites it deleted (the quota records it deleted are not counted) */
    @Override
    public int sweepExpiredInvites() {
        Instant now = clock.instant();
        int swept = BatchedSweep.run(transactions, () -> invites.deleteExpired(now, BATCH_SIZE));
        Instant cutoff = now.minus(QUOTA_RECORDS_KEPT);
        BatchedSweep.run(transactions, () -> invites.deleteQuotaRecordsUntil(cutoff, BATCH_SIZE));
        return swept;
    }
}
