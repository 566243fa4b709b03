package guestlist.adapters.postgres;

import guestlist.application.port.out.PasswordHasher;

/**
 * A fast stand-in for the slow hash, so race tests measure the database and not Argon2. The
 * "hash" is the password reversed behind a prefix: for tests only, never for production.
 */
final class ReversingPasswordHasher implements PasswordHasher {

    private static final String PREFIX = "test-only-reversed$";

    @Override
    public String hash(String password) {
        return PREFIX + new StringBuilder(password).reverse();
    }

    @Override
    public boolean matches(String password, String hash) {
        return hash(password).equals(hash);
    }
}
