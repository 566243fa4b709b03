package guestlist.application.inmemory;

import guestlist.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast stand-in for the slow hasher, for tests only: not secret, not salted, but never the plain text. */
public final class FakePasswordHasher implements PasswordHasher {

    private static final String PREFIX = "fake$";

    private final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(String password) {
        return PREFIX
                + Base64.getEncoder()
                        .encodeToString(
                                new StringBuilder(password).reverse().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean matches(String password, String hash) {
        verifications.incrementAndGet();
        return hash(password).equals(hash);
    }

    /** How many times {@link #matches} ran: a log-in for an unknown user must verify too. */
    public int verifications() {
        return verifications.get();
    }
}
