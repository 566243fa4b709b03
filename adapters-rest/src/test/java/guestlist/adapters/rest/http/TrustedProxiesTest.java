package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GUESTLIST_TRUSTED_PROXIES} as SPEC §8 writes it: addresses and CIDR ranges, IPv4 and IPv6. */
class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "127.0.0.1; 127.0.0.1; true",
                "127.0.0.1; 127.0.0.2; false",
                "127.0.0.0/8; 127.255.0.9; true",
                "127.0.0.0/8; 128.0.0.1; false",
                "10.0.0.0/8, 192.168.1.0/24; 192.168.1.200; true",
                "10.0.0.0/8, 192.168.1.0/24; 192.168.2.1; false",
                "172.16.0.0/12; 172.31.255.255; true",
                "172.16.0.0/12; 172.32.0.0; false",
                "192.0.2.128/25; 192.0.2.127; false",
                "192.0.2.128/25; 192.0.2.129; true",
                "0.0.0.0/0; 203.0.113.9; true",
                "0.0.0.0/0; ::1; false",
                "::1; ::1; true",
                "::1; 127.0.0.1; false",
                "fd00::/8; fd12:3456::1; true",
                "fd00::/8; fe80::1; false",
                "2001:db8::/32; 2001:db8:ffff::1; true",
                "2001:db8::/32; 2001:db9::1; false",
                "::/0; 2001:db8::1; true",
                "::/0; 192.0.2.1; false",
                "::ffff:192.0.2.1; 192.0.2.1; true",
                " 127.0.0.1 ,  ::1 ; ::1; true",
            })
    void containsWhatItSays(String setting, String address, boolean contained) {
        assertThat(TrustedProxies.parse(setting).contains(ip(address))).isEqualTo(contained);
    }

    @Test
    void blankTrustsNobody() {
        assertThat(TrustedProxies.parse("")).isEqualTo(TrustedProxies.NONE);
        assertThat(TrustedProxies.parse("   ").isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void writesItselfCanonically() {
        assertThat(TrustedProxies.parse("127.0.0.1, 10.0.0.0/8,fd00::/8, ::1").toString())
                .isEqualTo("127.0.0.1,10.0.0.0/8,fd00:0:0:0:0:0:0:0/8,0:0:0:0:0:0:0:1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "localhost",
                "proxy.example",
                "127.0.0.1,",
                ",127.0.0.1",
                "127.0.0.1,,::1",
                "127.0.0.1 ::1",
                "127.0.0.1;::1",
                "256.0.0.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "127.0.0.1:80",
                "[::1]",
                "[::1]:80",
                "fe80::1%eth0",
                "2001:db8::g",
                "2001:db8:::1",
                ".1.2.3",
                "10.0.0.0/",
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/8/8",
                "10.0.0.0/ 8",
                "fd00::/129",
                "10.1.0.0/8",
                "fd00::1/8",
                "*",
                "unknown",
            })
    void refusesWhatIsNoAddressOrRange(String setting) {
        assertThatThrownBy(() -> TrustedProxies.parse(setting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void theMessageNamesTheEntryAndSuggestsTheRangeMeant() {
        assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1, 10.1.2.3/8"))
                .hasMessage("'10.1.2.3/8' has bits set after its first 8; did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1, proxy.example"))
                .hasMessageStartingWith("'proxy.example' is not an IP address or a CIDR range");
        assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1,")).hasMessageContaining("an empty entry");
    }
}
