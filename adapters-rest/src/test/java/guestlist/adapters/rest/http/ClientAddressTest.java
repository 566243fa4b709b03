package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who the client is (SPEC §8), over many peers and {@code X-Forwarded-For} headers. The trusted
 * proxies of every case: {@value #TRUSTED}.
 */
class ClientAddressTest {

    static final String TRUSTED = "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8";

    private final ClientAddress resolver = new ClientAddress(TrustedProxies.parse(TRUSTED));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A case: the peer, the headers in the order sent ("|" between headers), the client expected. */
    private static Arguments when(String peer, String headers, String client) {
        List<String> forwarded = headers == null ? List.of() : Arrays.asList(headers.split("\\|", -1));
        return Arguments.of(peer, forwarded, client);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // an untrusted peer: the header is ignored, whatever it says
                when("203.0.113.7", null, "203.0.113.7"),
                when("203.0.113.7", "198.51.100.1", "203.0.113.7"),
                when("203.0.113.7", "127.0.0.1", "203.0.113.7"),
                when("203.0.113.7", "garbage", "203.0.113.7"),
                when("127.0.0.2", "198.51.100.1", "127.0.0.2"),
                when("2001:db8::7", "198.51.100.1", "2001:db8::7"),
                // a trusted peer without the header: the peer
                when("127.0.0.1", null, "127.0.0.1"),
                when("::1", null, "::1"),
                // a trusted peer: the right-most address that is not a trusted proxy
                when("127.0.0.1", "198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "203.0.113.9, 198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "203.0.113.9,198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "198.51.100.1, 10.0.0.2", "198.51.100.1"),
                when("127.0.0.1", "198.51.100.1, 10.0.0.3, 10.0.0.2", "198.51.100.1"),
                when("10.9.8.7", "198.51.100.1, 10.0.0.2", "198.51.100.1"),
                when("127.0.0.1", "forged, 198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "1.1.1.1, 2.2.2.2, 198.51.100.1", "198.51.100.1"),
                // spaces and tabs around entries
                when("127.0.0.1", "  198.51.100.1  ", "198.51.100.1"),
                when("127.0.0.1", "203.0.113.9 ,\t198.51.100.1\t", "198.51.100.1"),
                // several headers: one list, in the order they came
                when("127.0.0.1", "203.0.113.9|198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "198.51.100.1|10.0.0.2", "198.51.100.1"),
                when("127.0.0.1", "198.51.100.1|10.0.0.2, 10.0.0.3", "198.51.100.1"),
                when("127.0.0.1", "203.0.113.9, 198.51.100.1|", "127.0.0.1"),
                // IPv6, as nginx writes it (no brackets, no port)
                when("127.0.0.1", "2001:db8::1", "2001:db8::1"),
                when("::1", "2001:db8:0:0:0:0:0:1", "2001:db8::1"),
                when("::1", "198.51.100.1, 2001:db8::1, fd00::5", "2001:db8::1"),
                when("fd00::9", "2001:db8::1", "2001:db8::1"),
                when("127.0.0.1", "::ffff:198.51.100.1", "198.51.100.1"),
                // every address a trusted proxy: the left-most of them
                when("127.0.0.1", "10.0.0.3, 10.0.0.2", "10.0.0.3"),
                when("127.0.0.1", "127.0.0.1", "127.0.0.1"),
                // a malformed entry: stop, the client is the last address read (the proxy that passed it on)
                when("127.0.0.1", "garbage", "127.0.0.1"),
                when("127.0.0.1", "", "127.0.0.1"),
                when("127.0.0.1", " ", "127.0.0.1"),
                when("127.0.0.1", "unknown", "127.0.0.1"),
                when("127.0.0.1", "unix:", "127.0.0.1"),
                when("127.0.0.1", "198.51.100.1:4711", "127.0.0.1"),
                when("127.0.0.1", "[2001:db8::1]", "127.0.0.1"),
                when("127.0.0.1", "[2001:db8::1]:4711", "127.0.0.1"),
                when("127.0.0.1", "fe80::1%eth0", "127.0.0.1"),
                when("127.0.0.1", "198.51.100.1, ", "127.0.0.1"),
                when("127.0.0.1", "198.51.100.1,,10.0.0.2", "10.0.0.2"),
                when("127.0.0.1", "198.51.100.1, garbage, 10.0.0.2", "10.0.0.2"),
                when("127.0.0.1", "198.51.100.1, 10.0.0.2, 300.1.1.1", "127.0.0.1"),
                when("127.0.0.1", "198.51.100.1|garbage|10.0.0.2", "10.0.0.2"),
                when("127.0.0.1", "garbage, 198.51.100.1", "198.51.100.1"),
                when("127.0.0.1", "localhost", "127.0.0.1"),
                when("127.0.0.1", "1.2.3", "127.0.0.1"),
                when("127.0.0.1", "01.2.3.4", "127.0.0.1"),
                when("127.0.0.1", "x".repeat(10_000), "127.0.0.1"),
                when("127.0.0.1", "2001:db8::1::2", "127.0.0.1"));
    }

    @ParameterizedTest(name = "from {0} with {1}: {2}")
    @MethodSource("cases")
    void theClientIsTheRightMostUntrustedAddress(String peer, List<String> forwardedFor, String client) {
        assertThat(resolver.resolve(ip(peer), forwardedFor)).isEqualTo(ip(client));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsAlwaysIgnored() {
        ClientAddress trustingNobody = new ClientAddress(TrustedProxies.NONE);
        for (String peer : List.of("127.0.0.1", "::1", "10.0.0.1")) {
            assertThat(trustingNobody.resolve(ip(peer), List.of("198.51.100.1")))
                    .isEqualTo(ip(peer));
        }
    }

    @Test
    void aLongForgedListCostsOnlyTheEntriesRightOfTheClient() {
        String forged = String.join(", ", java.util.Collections.nCopies(1_000, "garbage"));
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThat(resolver.resolve(ip("127.0.0.1"), List.of(forged + ", 198.51.100.1")))
                    .isEqualTo(ip("198.51.100.1"));
        }
        assertThat(System.nanoTime() - start).as("10,000 resolutions").isLessThan(2_000_000_000L);
    }
}
