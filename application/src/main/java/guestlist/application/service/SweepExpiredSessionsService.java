package guestlist.application.service;

import guestlist.application.port.in.SweepExpiredSessionsUseCase;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.Transactions;
import java.time.Clock;
import java.time.Instant;

/** Deletes the sessions expired at the sweep's start, one {@link BatchedSweep batch} per transaction. */
public final class SweepExpiredSessionsService implements SweepExpiredSessionsUseCase {

    private final Transactions transactions;
    private final SessionRepository sessions;
    private final Clock clock;

    public SweepExpiredSessionsService(Transactions transactions, SessionRepository sessions, Clock clock) {
        this.transactions = transactions;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public int sweepExpiredSessions() {
        Instant now = clock.instant();
        return BatchedSweep.run(transactions, () -> sessions.deleteExpired(now, BatchedSweep.BATCH_SIZE));
    }
}
