package guestlist.application.port.out;

import java.util.function.Supplier;

/**
 * Runs a block as one unit of work: all its writes commit together, or none does when it throws.
 * When the store cannot be reached, throws {@link Unavailable}.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs a block that only reads. The store may run each read on its own instead of in one
     * transaction (PostgreSQL: in autocommit, which spares the round trips of BEGIN and COMMIT),
     * so a block of several reads may see a change committed between two of them: use it where
     * that does not matter, and never for a block that writes. When the store cannot be reached,
     * throws {@link Unavailable}.
     */
    default <T> T read(Supplier<T> work) {
        return inTransaction(work);
    }

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
