package guestlist.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session tokens: 256 bits from a CSPRNG as URL-safe text, stored only as their SHA-256. A token
 * is long and random, so a fast unsalted hash is enough to make a copy of the table useless.
 */
final class SessionTokens {

    private static final int RANDOM_BYTES = 32;
    private static final int LONGEST_ACCEPTED = 128;

    private final SecureRandom random;

    SessionTokens(SecureRandom random) {
        this.random = random;
    }

    String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented text could be a token at all (saves a database round trip for junk). */
    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= LONGEST_ACCEPTED;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", everyJvmHasIt);
        }
    }
}
