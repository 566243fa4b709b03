package guestlist.adapters.rest.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code GUESTLIST_TRUSTED_PROXIES},
 * SPEC §8): addresses and CIDR ranges, IPv4 and IPv6. Read with {@link #parse}; {@link #NONE} trusts
 * nobody.
 */
public final class TrustedProxies {

    /** Trusts no peer: every {@code X-Forwarded-For} is ignored. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Reads a comma-separated list of addresses ({@code 127.0.0.1}, {@code ::1}) and CIDR ranges
     * ({@code 10.0.0.0/8}, {@code fd00::/8}); spaces around the commas are ignored, a blank text is
     * {@link #NONE}. An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is its IPv4 address.
     *
     * @throws IllegalArgumentException for an empty entry, anything that is not an IP literal (no
     *     host names: nothing is looked up), a prefix length out of range, or a range with bits set
     *     after its prefix ({@code 10.1.0.0/8}: a typing mistake more likely than a meaning); the
     *     message names the entry
     */
    public static TrustedProxies parse(String text) {
        if (text.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            ranges.add(Range.parse(text.substring(start, end).strip()));
            start = end + 1;
        }
        return new TrustedProxies(ranges);
    }

    /** Whether {@code address} is one of the proxies. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The list as it would be written, each range in its canonical form. */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies proxies && proxies.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** An address and the number of its leading bits that a match must share. */
    private record Range(InetAddress network, int prefixLength) {

        static Range parse(String entry) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("an empty entry (two commas in a row, or one at an end)");
            }
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = IpLiterals.parse(addressText)
                    .orElseThrow(
                            () -> new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR range"
                                    + " (write 192.0.2.1, 10.0.0.0/8, ::1 or fd00::/8; host names are not looked up)"));
            int bits = address.getAddress().length * 8;
            if (slash < 0) {
                return new Range(address, bits);
            }
            int prefix = prefixLength(entry.substring(slash + 1))
                    .filter(length -> length <= bits)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "'" + entry + "' has a prefix length that is not a number from 0 to " + bits));
            InetAddress network = masked(address, prefix);
            if (!network.equals(address)) {
                throw new IllegalArgumentException("'" + entry + "' has bits set after its first " + prefix
                        + "; did you mean " + network.getHostAddress() + "/" + prefix + "?");
            }
            return new Range(network, prefix);
        }

        private static Optional<Integer> prefixLength(String text) {
            if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(text));
        }

        private static InetAddress masked(InetAddress address, int prefix) {
            byte[] bytes = address.getAddress();
            for (int i = 0; i < bytes.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                bytes[i] = (byte) (bytes[i] & (0xff00 >> keep));
            }
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        boolean contains(byte[] candidate) {
            byte[] mine = network.getAddress();
            if (candidate.length != mine.length) {
                return false;
            }
            int whole = prefixLength / 8;
            if (!Arrays.equals(candidate, 0, whole, mine, 0, whole)) {
                return false;
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff00 >> rest) & 0xff;
            return (candidate[whole] & mask) == (mine[whole] & mask);
        }

        @Override
        public String toString() {
            int bits = network instanceof Inet4Address ? 32 : 128;
            return prefixLength == bits ? network.getHostAddress() : network.getHostAddress() + "/" + prefixLength;
        }
    }
}
