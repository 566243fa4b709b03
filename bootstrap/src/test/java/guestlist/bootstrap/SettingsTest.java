package guestlist.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.http.TrustedProxies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of SPEC §4 and §8: each one checked before anything starts, its error naming the variable. */
class SettingsTest {

    @TempDir
    Path temporary;

    /** The settings of {@code env}, on a database URL so that the default data directory is not checked. */
    private static Settings external(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        env.put("GUESTLIST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/guestlist");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Settings.fromEnvironment(env);
    }

    private static void refused(String message, String... namesAndValues) {
        assertThatThrownBy(() -> external(namesAndValues))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void withoutTrustedProxiesNobodyIsTrusted() {
        assertThat(Settings.fromEnvironment(Map.of()).trustedProxies()).isEqualTo(TrustedProxies.NONE);
        assertThat(Settings.fromEnvironment(Map.of("GUESTLIST_TRUSTED_PROXIES", "  "))
                        .trustedProxies())
                .isEqualTo(TrustedProxies.NONE);
    }

    @Test
    void trustedProxiesAreAddressesAndRanges() {
        Settings settings =
                Settings.fromEnvironment(Map.of("GUESTLIST_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8"));

        assertThat(settings.trustedProxies()).isEqualTo(TrustedProxies.parse("127.0.0.1,10.0.0.0/8,::1,fd00::/8"));
        assertThat(settings.toString()).contains("trustedProxies=127.0.0.1,10.0.0.0/8,");
    }

    @Test
    void aBadTrustedProxiesValueStopsTheStartNamingTheVariableAndTheEntry() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("GUESTLIST_TRUSTED_PROXIES", "127.0.0.1, proxy.lan")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "GUESTLIST_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges:")
                .hasMessageContaining("'proxy.lan'");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("GUESTLIST_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessageStartingWith("GUESTLIST_TRUSTED_PROXIES ");
    }

    @Test
    void rateLimitsGoUpToABillionPerMinute() {
        Settings settings = Settings.fromEnvironment(Map.of(
                "GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "0", "GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE", "1000000000"));

        assertThat(settings.authRateLimitPerMinute()).isZero();
        assertThat(settings.validityRateLimitPerMinute()).isEqualTo(1_000_000_000);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE", "-1")))
                .hasMessage("GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE must be between 0 and 1000000000");
    }

    @Test
    void theOperatorsSettingsHaveTheDefaultsOfTheSpec() {
        Settings settings = external();

        assertThat(settings.managementPort()).isEqualTo(9536);
        assertThat(settings.managementBindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.accessLog()).isFalse();
        assertThat(settings.databaseStartTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theOperatorsSettingsAreRead() {
        Settings settings = external(
                "GUESTLIST_MANAGEMENT_PORT", "0",
                "GUESTLIST_MANAGEMENT_BIND_ADDRESS", "0.0.0.0",
                "GUESTLIST_ACCESS_LOG", "TRUE",
                "GUESTLIST_DATABASE_START_TIMEOUT", "PT0S");

        assertThat(settings.managementPort()).isZero();
        assertThat(settings.managementBindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.accessLog()).isTrue();
        assertThat(settings.databaseStartTimeout()).isZero();
        assertThat(external("GUESTLIST_MANAGEMENT_BIND_ADDRESS", "::1").managementBindAddress())
                .isEqualTo("::1");
        assertThat(external("GUESTLIST_BIND_ADDRESS", "guestlist-1.internal").bindAddress())
                .isEqualTo("guestlist-1.internal");
    }

    @Test
    void aPublicUrlThatIsNoUrlIsRefusedNamingTheVariable() {
        refused(
                "GUESTLIST_PUBLIC_URL must be an absolute http:// or https:// URL with a host and without query or"
                        + " fragment, such as https://guestlist.example, not 'not a url'",
                "GUESTLIST_PUBLIC_URL",
                "not a url");
        assertThatThrownBy(() -> external("GUESTLIST_PUBLIC_URL", "ftp://guestlist.example"))
                .hasMessageStartingWith("GUESTLIST_PUBLIC_URL ");
        assertThatThrownBy(() -> external("GUESTLIST_PUBLIC_URL", "https://guestlist.example/?x=1"))
                .hasMessageStartingWith("GUESTLIST_PUBLIC_URL ");
        assertThat(external("GUESTLIST_PUBLIC_URL", "https://guestlist.example/")
                        .publicUrl())
                .isEqualTo("https://guestlist.example");
    }

    @Test
    void eachSettingOfSection8IsCheckedNamingItsVariable() {
        refused("GUESTLIST_MANAGEMENT_PORT must be between 0 and 65535", "GUESTLIST_MANAGEMENT_PORT", "70000");
        refused(
                "GUESTLIST_MANAGEMENT_PORT must be a whole number, not 'metrics'",
                "GUESTLIST_MANAGEMENT_PORT",
                "metrics");
        refused(
                "GUESTLIST_MANAGEMENT_BIND_ADDRESS must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0,"
                        + " not 'local host'",
                "GUESTLIST_MANAGEMENT_BIND_ADDRESS",
                "local host");
        refused("GUESTLIST_ACCESS_LOG must be true or false, not 'yes'", "GUESTLIST_ACCESS_LOG", "yes");
        refused(
                "GUESTLIST_DATABASE_START_TIMEOUT must be an ISO-8601 duration such as PT30S, not '30s'",
                "GUESTLIST_DATABASE_START_TIMEOUT",
                "30s");
        refused("GUESTLIST_DATABASE_START_TIMEOUT must not be negative", "GUESTLIST_DATABASE_START_TIMEOUT", "-PT1S");
        refused(
                "GUESTLIST_BIND_ADDRESS must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0, not"
                        + " 'http://0.0.0.0'",
                "GUESTLIST_BIND_ADDRESS",
                "http://0.0.0.0");
    }

    @Test
    void theManagementPortMustDifferFromTheApisUnlessOff() {
        refused(
                "GUESTLIST_MANAGEMENT_PORT must differ from GUESTLIST_PORT (both are 8600); 0 turns the management"
                        + " port off",
                "GUESTLIST_PORT",
                "8600",
                "GUESTLIST_MANAGEMENT_PORT",
                "8600");
        assertThat(external("GUESTLIST_PORT", "0", "GUESTLIST_MANAGEMENT_PORT", "0")
                        .managementPort())
                .isZero();
    }

    @Test
    void theFirstAdminIsCheckedUpFrontAndItsPasswordNeverRepeated() {
        refused(
                "GUESTLIST_ADMIN_USERNAME must be 3 to 20 letters A-Z, digits or underscores, not 'the boss'",
                "GUESTLIST_ADMIN_USERNAME",
                "the boss");
        refused("GUESTLIST_ADMIN_PASSWORD must have 10 to 60 characters", "GUESTLIST_ADMIN_PASSWORD", "short1");
    }

    @Test
    void aDatabaseUrlIsCheckedWithoutRepeatingItForItMayHoldAPassword() {
        assertThatThrownBy(() -> external("GUESTLIST_DATABASE_URL", "postgres://db/guestlist?password=hunter2hunter2"))
                .hasMessage("GUESTLIST_DATABASE_URL must be a jdbc:postgresql:// URL");
        assertThatThrownBy(() -> external(
                        "GUESTLIST_DATABASE_URL", "jdbc:postgresql://db:port/guestlist?password=hunter2hunter2"))
                .hasMessage("GUESTLIST_DATABASE_URL must be a jdbc:postgresql://host:port/database URL: a port must be"
                        + " a number from 1 to 65535");
        assertThat(external("GUESTLIST_DATABASE_URL", "jdbc:postgresql://db:6432/guestlist?password=hunter2hunter2")
                        .toString())
                .contains("database=postgresql at db:6432")
                .doesNotContain("hunter2");
    }

    @Test
    void theEmbeddedDatabasesDirectoryMustBeADirectoryThatCanBeMade() throws IOException {
        Path file = Files.writeString(temporary.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("GUESTLIST_DATA_DIR", file.toString())))
                .hasMessageStartingWith("GUESTLIST_DATA_DIR must be a directory");
        assertThatThrownBy(() -> Settings.fromEnvironment(
                        Map.of("GUESTLIST_DATA_DIR", file.resolve("data").toString())))
                .hasMessageStartingWith("GUESTLIST_DATA_DIR must be a directory");
        assertThat(Settings.fromEnvironment(Map.of(
                                "GUESTLIST_DATA_DIR",
                                temporary.resolve("new/data").toString()))
                        .dataDir())
                .isEqualTo(temporary.resolve("new/data"));
        assertThat(external("GUESTLIST_DATA_DIR", file.toString()).dataDir())
                .as("unused with a database URL, so not checked")
                .isEqualTo(file);
    }

    @Test
    void aVariableThatNoSettingReadsIsReportedAsUnknown() {
        Map<String, String> env = new HashMap<>();
        env.put("GUESTLIST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/guestlist");
        env.put("GUESTLIST_MANAGMENT_PORT", "9100");
        env.put("GUESTLIST_ACCESS_LOG", "true");
        env.put("PATH", "/usr/bin");

        assertThat(Settings.unknownVariables(env)).containsExactly("GUESTLIST_MANAGMENT_PORT");
    }
}
