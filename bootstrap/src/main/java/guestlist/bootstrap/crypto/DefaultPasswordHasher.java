package guestlist.bootstrap.crypto;

import guestlist.application.port.out.PasswordHasher;
import java.util.Optional;

/**
 * The password hasher Guestlist runs on: Argon2id by libsodium where the system has it
 * ({@link SodiumPasswordHasher}, about twice as fast), else by Bouncy Castle in Java
 * ({@link Argon2PasswordHasher}). Both write the same PHC strings and verify each other's, so a
 * database moves freely between machines with and without libsodium.
 */
public final class DefaultPasswordHasher implements PasswordHasher {

    private final PasswordHasher chosen;
    private final String description;

    public DefaultPasswordHasher() {
        Optional<SodiumPasswordHasher> sodium = SodiumPasswordHasher.load();
        this.chosen = sodium.isPresent() ? sodium.get() : new Argon2PasswordHasher();
        this.description =
                sodium.map(s -> "Argon2id by libsodium " + s.version()).orElse("Argon2id by Bouncy Castle (Java)");
    }

    /** Which implementation hashes, for the start-up log. */
    public String description() {
        return description;
    }

    /** Whether libsodium hashes here. */
    public boolean isNative() {
        return chosen instanceof SodiumPasswordHasher;
    }

    @Override
    public String hash(String password) {
        return chosen.hash(password);
    }

    @Override
    public boolean matches(String password, String hash) {
        return chosen.matches(password, hash);
    }
}
