package guestlist.application.service;

import guestlist.application.port.out.PasswordHasher;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hash of a random password nobody knows. A log-in for an unknown account verifies the password
 * against it, so it costs the same time as a wrong password and gets the same answer.
 *
 * <p>Hashed in the background once the first log-in arrives (not while the server starts: a hash
 * with a cold JIT takes a good part of a second of CPU), so by the time a log-in for an unknown
 * account needs it, it is usually there.
 */
public final class DecoyHash {

    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final AtomicReference<CompletableFuture<String>> hash = new AtomicReference<>();

    public DecoyHash(PasswordHasher hasher, SecureRandom random) {
        this.hasher = hasher;
        this.random = random;
    }

    /**
     * Starts making the decoy hash in the background, the first time only. Nothing to wait for here:
     * {@link #value()} joins the same future and handles its failure.
     */
    void prepare() {
        CompletableFuture<String> unusedUntilValue = started();
    }

    /** The decoy hash; made here and now if making it in the background failed. */
    String value() {
        try {
            return started().join();
        } catch (CompletionException | CancellationException failed) {
            String made = hasher.hash(randomPassword());
            hash.set(CompletableFuture.completedFuture(made));
            return made;
        }
    }

    private CompletableFuture<String> started() {
        CompletableFuture<String> current = hash.get();
        if (current != null) {
            return current;
        }
        String password = randomPassword();
        CompletableFuture<String> started = new CompletableFuture<>();
        if (!hash.compareAndSet(null, started)) {
            return hash.get();
        }
        // completes `started` itself, with the hash or with whatever the hasher threw (an Error too,
        // which would otherwise leave value() waiting for ever)
        return started.completeAsync(() -> hasher.hash(password));
    }

    private String randomPassword() {
        byte[] decoy = new byte[24];
        random.nextBytes(decoy);
        return Base64.getEncoder().encodeToString(decoy);
    }
}
