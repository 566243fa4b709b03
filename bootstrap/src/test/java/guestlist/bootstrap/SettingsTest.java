package guestlist.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.http.TrustedProxies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings this module reads for the trusted proxies and the rate limits (SPEC §4, §8). */
class SettingsTest {

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
}
