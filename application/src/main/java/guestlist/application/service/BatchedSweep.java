package guestlist.application.service;

import guestlist.application.port.out.Transactions;
import java.util.function.IntSupplier;

/**
 * Deletes expired rows one small batch per transaction until a batch comes back short, so a sweep
 * never holds many row locks, nor for long. A sweep whose thread is interrupted (the server is
 * stopping) ends after the batch in hand; the rows left wait for the next sweep.
 */
final class BatchedSweep {

    /** Rows deleted per sweep transaction. */
    static final int BATCH_SIZE = 1_000;

    private BatchedSweep() {}

    /** @param deleteOneBatch deletes at most {@link #BATCH_SIZE} rows and says how many it deleted */
    static int run(Transactions transactions, IntSupplier deleteOneBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = transactions.inTransaction(deleteOneBatch::getAsInt);
            total += deleted;
        } while (deleted == BATCH_SIZE && !Thread.currentThread().isInterrupted());
        return total;
    }
}
