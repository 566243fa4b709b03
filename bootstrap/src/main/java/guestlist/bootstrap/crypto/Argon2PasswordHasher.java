package guestlist.bootstrap.crypto;

import guestlist.application.port.out.PasswordHasher;
import java.lang.ref.SoftReference;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 iterations, parallelism 1,
 * a 16-byte random salt and a 32-byte hash, stored in the self-describing PHC string format, as
 * Spring Security's {@link Argon2PasswordEncoder} writes it ({@code $argon2id$v=19$m=19456,t=2,p=1$}
 * salt {@code $} hash, both base64 without padding).
 *
 * <p>Bouncy Castle's Argon2 computes it (as it does inside Spring Security's encoder), with one
 * difference: each thread keeps the 19 MiB of Argon2's memory blocks from one hash to the next
 * ({@link Argon2BytesGenerator.FixedBlockPool}, cleared by Bouncy Castle after each hash) instead
 * of allocating them anew. Allocated anew, a stream of log-ins makes some 19 MiB of garbage per hash
 * that lives as long as the hash: hundreds of megabytes a second, collected by garbage-collection
 * pauses of up to tens of milliseconds that stop every other request as well. The kept memory is
 * held softly, so that the collector takes it back when the heap runs short while nobody hashes.
 *
 * <p>A stored hash of other Argon2 settings (none is written now) is verified by Spring Security's
 * encoder, which reads the settings from the hash.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    /** How every hash made here begins: the algorithm, its version and its settings. */
    static final String PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    /** Argon2's 1 KiB memory blocks of one hash with these settings. */
    static final int BLOCKS = Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM);

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    /** Each thread's Argon2 memory of these settings, whichever instance hashes on it. */
    private static final ThreadLocal<SoftReference<Argon2BytesGenerator.BlockPool>> MEMORY = new ThreadLocal<>();

    private final SecureRandom random = new SecureRandom();
    private final Argon2PasswordEncoder otherSettings =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, salt, HASH_BYTES);
        return PREFIX + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /**
     * Whether {@code password} hashes to {@code hash}; false for a string that is no Argon2 hash in
     * the PHC format (Spring Security's encoder throws on some of those).
     */
    @Override
    public boolean matches(String password, String hash) {
        if (hash == null) {
            return false;
        }
        if (!hash.startsWith(PREFIX)) {
            try {
                return otherSettings.matches(password, hash);
            } catch (RuntimeException unreadable) {
                return false;
            }
        }
        Optional<SaltAndHash> ours = ofTheseSettings(hash);
        if (ours.isEmpty()) {
            return false;
        }
        byte[] expected = ours.get().hash();
        return MessageDigest.isEqual(expected, argon2id(password, ours.get().salt(), expected.length));
    }

    /** The salt and the hash of a stored hash that begins with {@link #PREFIX}; empty when they cannot be read. */
    private static Optional<SaltAndHash> ofTheseSettings(String stored) {
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[0]);
            byte[] hash = Base64.getDecoder().decode(parts[1]);
            return salt.length == SALT_BYTES && hash.length == HASH_BYTES
                    ? Optional.of(new SaltAndHash(salt, hash))
                    : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // private, read once, never compared or kept
    private record SaltAndHash(byte[] salt, byte[] hash) {}

    private byte[] argon2id(String password, byte[] salt, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withParallelism(PARALLELISM)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withBlockPool(threadsMemory())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.toCharArray(), out);
        return out;
    }

    /** This thread's Argon2 memory: kept from one hash to the next unless the collector took it. */
    private static Argon2BytesGenerator.BlockPool threadsMemory() {
        SoftReference<Argon2BytesGenerator.BlockPool> kept = MEMORY.get();
        Argon2BytesGenerator.BlockPool blocks = kept == null ? null : kept.get();
        if (blocks == null) {
            blocks = new Argon2BytesGenerator.FixedBlockPool(BLOCKS);
            MEMORY.set(new SoftReference<>(blocks));
        }
        return blocks;
    }
}
