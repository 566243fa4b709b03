package guestlist.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.out.PasswordHasher;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecoyHashTest {

    @Test
    void isHashedOnceHoweverOftenItIsPreparedAndUsed() {
        CountingHasher hasher = new CountingHasher(0);
        DecoyHash decoy = new DecoyHash(hasher, new SecureRandom());

        decoy.prepare();
        decoy.prepare();
        String first = decoy.value();
        String second = decoy.value();

        assertThat(first).isEqualTo(second).startsWith("hash of ");
        assertThat(hasher.hashed).hasSize(1);
    }

    @Test
    void isMadeAtItsFirstUseWhenNotPrepared() {
        CountingHasher hasher = new CountingHasher(0);
        DecoyHash decoy = new DecoyHash(hasher, new SecureRandom());

        assertThat(decoy.value()).startsWith("hash of ");
        assertThat(hasher.hashed).hasSize(1);
    }

    @Test
    void aFailedBackgroundHashIsMadeAgainWhenNeededAndKept() {
        CountingHasher hasher = new CountingHasher(1);
        DecoyHash decoy = new DecoyHash(hasher, new SecureRandom());
        decoy.prepare();

        String made = decoy.value();

        assertThat(made).startsWith("hash of ");
        assertThat(decoy.value()).isEqualTo(made);
        assertThat(hasher.attempts).hasValue(2);
    }

    @Test
    void isTheHashOfARandomPasswordNewForEveryDecoy() {
        CountingHasher hasher = new CountingHasher(0);

        String one = new DecoyHash(hasher, new SecureRandom()).value();
        String other = new DecoyHash(hasher, new SecureRandom()).value();

        assertThat(one).isNotEqualTo(other);
        assertThat(hasher.hashed).allSatisfy(password -> assertThat(password).hasSize(32));
    }

    /** Hashes to "hash of " and the password; the first {@code failures} hashes fail. */
    private static final class CountingHasher implements PasswordHasher {
        final List<String> hashed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempts = new AtomicInteger();
        private final int failures;

        CountingHasher(int failures) {
            this.failures = failures;
        }

        @Override
        public String hash(String password) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("no core free");
            }
            hashed.add(password);
            return "hash of " + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash.equals("hash of " + password);
        }
    }
}
