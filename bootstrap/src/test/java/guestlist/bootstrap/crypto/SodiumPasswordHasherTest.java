package guestlist.bootstrap.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * libsodium's Argon2id against the Java one: the same strings, each verifying the other's, on a
 * machine with libsodium installed ({@code .ci/run} installs it; without it {@link
 * SodiumPasswordHasher#load()} must be empty and {@link DefaultPasswordHasher} hash in Java).
 */
class SodiumPasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static boolean installed;

    @BeforeAll
    static void isLibsodiumInstalled() throws IOException {
        Path libraries = Path.of("/usr/lib/x86_64-linux-gnu");
        if (!Files.isDirectory(libraries)) {
            return;
        }
        try (Stream<Path> files = Files.list(libraries)) {
            installed = files.anyMatch(file -> file.getFileName().toString().startsWith("libsodium.so"));
        }
    }

    private static SodiumPasswordHasher sodium() {
        assertThat(installed).as("libsodium is installed on this machine").isTrue();
        return SodiumPasswordHasher.load().orElseThrow();
    }

    @Test
    void loadsWhereTheLibraryIsInstalledAndTheDefaultHasherTakesIt() {
        DefaultPasswordHasher chosen = new DefaultPasswordHasher();
        assertThat(SodiumPasswordHasher.load())
                .as("libsodium loads")
                .matches(loaded -> loaded.isPresent() == installed);
        assertThat(chosen.isNative()).isEqualTo(installed);
        assertThat(chosen.description()).contains(installed ? "libsodium" : "Bouncy Castle");
        assertThat(chosen.matches(PASSWORD, chosen.hash(PASSWORD))).isTrue();
    }

    @Test
    void hashesInTheJavaHashersFormatAndSettings() {
        String hash = sodium().hash(PASSWORD);
        assertThat(hash).startsWith(Argon2PasswordHasher.PREFIX);
        String[] saltAndHash =
                hash.substring(Argon2PasswordHasher.PREFIX.length()).split("\\$");
        assertThat(saltAndHash).hasSize(2);
        assertThat(java.util.Base64.getDecoder().decode(saltAndHash[0])).hasSize(Argon2PasswordHasher.SALT_BYTES);
        assertThat(java.util.Base64.getDecoder().decode(saltAndHash[1])).hasSize(Argon2PasswordHasher.HASH_BYTES);
        assertThat(sodium().hash(PASSWORD)).as("a new salt each time").isNotEqualTo(hash);
    }

    @Test
    void eachVerifiesTheOthersHashesAndNothingElse() {
        SodiumPasswordHasher sodium = sodium();
        Argon2PasswordHasher java = new Argon2PasswordHasher();
        for (String password : new String[] {PASSWORD, "ünïcödé пароль 密码 🔑", "", "with\u0000nul"}) {
            String bySodium = sodium.hash(password);
            String byJava = java.hash(password);
            assertThat(java.matches(password, bySodium))
                    .as("Java verifies libsodium's hash of %s", password)
                    .isTrue();
            assertThat(sodium.matches(password, byJava))
                    .as("libsodium verifies Java's hash of %s", password)
                    .isTrue();
            assertThat(sodium.matches(password, bySodium)).isTrue();
            assertThat(sodium.matches(password + "x", bySodium)).isFalse();
            assertThat(sodium.matches(password + "x", byJava)).isFalse();
        }
    }

    @Test
    void aStoredHashOfOtherSettingsIsVerifiedAndGarbageMatchesNothing() {
        SodiumPasswordHasher sodium = sodium();
        String older = new Argon2PasswordEncoder(16, 32, 1, 4096, 3).encode(PASSWORD);
        assertThat(sodium.matches(PASSWORD, older)).isTrue();
        assertThat(sodium.matches("wrong", older)).isFalse();
        String ours = sodium.hash(PASSWORD);
        for (String garbage : new String[] {
            null,
            "",
            "plain text",
            Argon2PasswordHasher.PREFIX,
            Argon2PasswordHasher.PREFIX + "$",
            Argon2PasswordHasher.PREFIX + "not base64$not base64",
            ours.substring(0, ours.length() - 2),
            ours + "AAAA",
            ours.replace('$', 'é'),
            ours + "x".repeat(200)
        }) {
            assertThat(sodium.matches(PASSWORD, garbage)).as("%s", garbage).isFalse();
        }
    }
}
