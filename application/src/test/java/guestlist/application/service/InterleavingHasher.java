package guestlist.application.service;

import guestlist.application.port.out.PasswordHasher;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hasher that lets another request in while it verifies: the first {@link #matches} runs
 * {@code meanwhile} after verifying, as a request that commits while the slow hash of this one
 * runs outside any transaction would. Tests stage races between use cases with it.
 */
final class InterleavingHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final Runnable meanwhile;
    private final AtomicBoolean ran = new AtomicBoolean();

    InterleavingHasher(PasswordHasher delegate, Runnable meanwhile) {
        this.delegate = delegate;
        this.meanwhile = meanwhile;
    }

    @Override
    public String hash(String password) {
        return delegate.hash(password);
    }

    @Override
    public boolean matches(String password, String hash) {
        boolean matches = delegate.matches(password, hash);
        if (ran.compareAndSet(false, true)) {
            meanwhile.run();
        }
        return matches;
    }

    /** Whether the other request has run. */
    boolean ran() {
        return ran.get();
    }
}
