package guestlist.application.port.in;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Whether a token names an invite usable right now. Reveals nothing else. */
public interface CheckInviteValidityUseCase {

    /**
     * The answer, given later on another thread: the caller's thread never waits for the store.
     * Fails as {@link #isValid} throws.
     */
    CompletionStage<Boolean> checkValidity(String token);

    /** The same answer, waited for on the caller's thread; throws what the check failed with. */
    default boolean isValid(String token) {
        try {
            return checkValidity(token).toCompletableFuture().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
