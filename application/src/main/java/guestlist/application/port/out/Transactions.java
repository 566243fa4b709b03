package guestlist.application.port.out;

import java.util.function.Supplier;

/**
 * Runs a block as one unit of work: all its writes commit together, or none does when it throws.
 * When the store cannot be reached, throws {@code service_unavailable}.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
