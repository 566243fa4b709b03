package guestlist.bootstrap.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class Argon2PasswordHasherTest {

    private static final long MIB = 1024 * 1024;

    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void hashIsArgon2idWithOwaspParametersInPhcFormat() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash).doesNotContain("correct horse battery");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hasher.hash("correct horse battery"));
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
    }

    @Test
    void aHashOfAnotherShapeMatchesNothing() {
        assertThat(hasher.matches("anything", "not a hash")).isFalse();
    }

    @Test
    void springSecuritysEncoderAndThisHasherVerifyEachOthersHashes() {
        Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        String ours = hasher.hash("correct horse battery");
        String theirs = spring.encode("correct horse battery");

        assertThat(theirs).startsWith(Argon2PasswordHasher.PREFIX);
        assertThat(ours).hasSameSizeAs(theirs);
        assertThat(spring.matches("correct horse battery", ours)).isTrue();
        assertThat(spring.matches("correct horse batterY", ours)).isFalse();
        assertThat(hasher.matches("correct horse battery", theirs)).isTrue();
        assertThat(hasher.matches("correct horse batterY", theirs)).isFalse();
    }

    @Test
    void aStoredHashOfOtherArgon2SettingsIsStillVerified() {
        String older = new Argon2PasswordEncoder(16, 32, 1, 4096, 3).encode("correct horse battery");

        assertThat(older).startsWith("$argon2id$v=19$m=4096,t=3,p=1$");
        assertThat(hasher.matches("correct horse battery", older)).isTrue();
        assertThat(hasher.matches("correct horse batterY", older)).isFalse();
    }

    @Test
    void malformedHashesMatchNothingAndThrowNothing() {
        String good = hasher.hash("correct horse battery");
        String[] parts = good.substring(Argon2PasswordHasher.PREFIX.length()).split("\\$", -1);
        String shortSalt = Base64.getEncoder().withoutPadding().encodeToString(new byte[8]);

        for (String malformed : Arrays.asList(
                null,
                "",
                Argon2PasswordHasher.PREFIX,
                Argon2PasswordHasher.PREFIX + parts[0],
                Argon2PasswordHasher.PREFIX + parts[0] + "$" + parts[1] + "$",
                Argon2PasswordHasher.PREFIX + parts[0] + "$not base64!",
                Argon2PasswordHasher.PREFIX + shortSalt + "$" + parts[1],
                Argon2PasswordHasher.PREFIX + parts[0] + "$" + parts[1].substring(4),
                "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234")) {
            assertThat(hasher.matches("correct horse battery", malformed))
                    .as("%s", malformed)
                    .isFalse();
        }
        assertThat(hasher.matches("correct horse battery", good)).isTrue();
    }

    /**
     * The thread's Argon2 memory is kept from one hash to the next: after the first, a hash
     * allocates next to nothing on the heap (Spring Security's encoder, the same computation without
     * the kept memory, allocates its 19 MiB each time).
     */
    @Test
    void aThreadHashesInTheMemoryOfItsLastHash() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        long[] allocated = new long[4];
        // a thread of its own: this one may have hashed in another test already
        Thread fresh = new Thread(() -> {
            allocated[0] = allocatedBy(threads, () -> hasher.hash("correct horse battery"));
            allocated[1] = allocatedBy(threads, () -> hasher.hash("correct horse battery"));
            allocated[2] = allocatedBy(threads, () -> hasher.matches("correct horse battery", hasher.hash("x")));
            allocated[3] = allocatedBy(threads, () -> spring.encode("correct horse battery"));
        });
        fresh.start();
        fresh.join();
        long first = allocated[0];
        long second = allocated[1];
        long verify = allocated[2];
        long springs = allocated[3];

        assertThat(first).as("the first hash allocates its memory").isGreaterThan(19 * MIB);
        assertThat(second).as("the second reuses it").isLessThan(MIB);
        assertThat(verify).as("a hash and a verification reuse it").isLessThan(MIB);
        assertThat(springs).as("without the kept memory").isGreaterThan(19 * MIB);
    }

    private static long allocatedBy(com.sun.management.ThreadMXBean threads, Runnable work) {
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
