package guestlist.bootstrap.crypto;

import com.sun.jna.Library;
import com.sun.jna.Native;
import guestlist.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id computed by libsodium, the operating system's library (Debian's {@code libsodium23}),
 * called through JNA: the settings of {@link Argon2PasswordHasher} (19 MiB, 2 iterations,
 * parallelism 1, a 16-byte salt and a 32-byte hash) and the same PHC strings, which each of the two
 * verifies for the other. libsodium's vectorised Argon2 hashes in about half the time of the Java
 * one (the benchmark's libsodium row), so register and log-in serve about twice as many requests on
 * the same cores.
 *
 * <p>{@link #load()} is empty where the library cannot be loaded; {@link DefaultPasswordHasher}
 * then hashes in Java. A stored hash of other settings (none is written now) is verified by
 * {@link Argon2PasswordHasher}, so that libsodium never reads a memory size it was not given here.
 */
public final class SodiumPasswordHasher implements PasswordHasher {

    private static final Logger LOG = LoggerFactory.getLogger(SodiumPasswordHasher.class);

    /** {@code crypto_pwhash_STRBYTES}: the room for a hash string, its closing NUL included. */
    private static final int STRING_BYTES = 128;
    /** {@code crypto_pwhash_ALG_ARGON2ID13}. */
    private static final int ARGON2ID13 = 2;

    private static final long MEMORY_BYTES = Argon2PasswordHasher.MEMORY_KIB * 1024L;

    /** The names the library goes by: the development package's link, then the runtime package's file. */
    private static final List<String> LIBRARY_NAMES = List.of("sodium", "libsodium.so.23");

    /** The four functions of libsodium used here, as its header declares them on a 64-bit system. */
    interface Sodium extends Library {

        int sodium_init();

        String sodium_version_string();

        int crypto_pwhash_str_alg(byte[] out, byte[] passwd, long passwdlen, long opslimit, long memlimit, int alg);

        int crypto_pwhash_str_verify(byte[] str, byte[] passwd, long passwdlen);
    }

    private final Sodium sodium;
    private final String version;
    private final Argon2PasswordHasher otherSettings = new Argon2PasswordHasher();

    private SodiumPasswordHasher(Sodium sodium) {
        this.sodium = sodium;
        this.version = sodium.sodium_version_string();
    }

    /**
     * libsodium's hasher, when the library loads on this machine (a 64-bit one: {@code size_t} is
     * passed as a Java long) and its first hash has this class's settings and verifies; empty
     * otherwise, with the reason logged.
     */
    public static Optional<SodiumPasswordHasher> load() {
        if (Native.SIZE_T_SIZE != Long.BYTES) {
            LOG.info("password hashing in Java: libsodium is only called on 64-bit systems");
            return Optional.empty();
        }
        for (String name : LIBRARY_NAMES) {
            Sodium sodium;
            try {
                sodium = Native.load(name, Sodium.class);
            } catch (UnsatisfiedLinkError notThere) {
                continue;
            }
            if (sodium.sodium_init() < 0) {
                LOG.warn("password hashing in Java: libsodium ({}) could not initialise", name);
                return Optional.empty();
            }
            SodiumPasswordHasher hasher = new SodiumPasswordHasher(sodium);
            // one hash at start (about 10 ms): the settings in its string are ours, and it verifies;
            // that the Java hasher verifies it too is SodiumPasswordHasherTest's (in Java, cold, it
            // would cost the start a few hundred milliseconds)
            String probe = "a probe of libsodium, ünïcödé";
            String probed = hasher.hash(probe);
            if (!probed.startsWith(Argon2PasswordHasher.PREFIX) || !hasher.matches(probe, probed)) {
                LOG.warn("password hashing in Java: libsodium {} hashes otherwise: {}", hasher.version(), probed);
                return Optional.empty();
            }
            return Optional.of(hasher);
        }
        LOG.info("password hashing in Java: libsodium is not installed (Debian: apt install libsodium23)");
        return Optional.empty();
    }

    /** libsodium's version, as the library states it. */
    public String version() {
        return version;
    }

    @Override
    public String hash(String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[STRING_BYTES];
        try {
            int failed = sodium.crypto_pwhash_str_alg(
                    out, secret, secret.length, Argon2PasswordHasher.ITERATIONS, MEMORY_BYTES, ARGON2ID13);
            if (failed != 0) {
                throw new IllegalStateException("libsodium could not hash a password (out of memory?)");
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        int end = 0;
        while (end < out.length && out[end] != 0) {
            end++;
        }
        return new String(out, 0, end, StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code password} hashes to {@code hash}: by libsodium for a hash of this class's settings,
     * by {@link Argon2PasswordHasher} for any other string (false for one that is no hash).
     */
    @Override
    public boolean matches(String password, String hash) {
        if (hash == null
                || !hash.startsWith(Argon2PasswordHasher.PREFIX)
                || hash.length() >= STRING_BYTES
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(hash)) {
            return otherSettings.matches(password, hash);
        }
        byte[] stored = Arrays.copyOf(hash.getBytes(StandardCharsets.US_ASCII), hash.length() + 1);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            return sodium.crypto_pwhash_str_verify(stored, secret, secret.length) == 0;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
