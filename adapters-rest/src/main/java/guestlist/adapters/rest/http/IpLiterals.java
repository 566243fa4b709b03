package guestlist.adapters.rest.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, read without ever asking DNS: {@code InetAddress.getByName} would look up
 * anything it does not take for a literal (and takes {@code 1.2.3} for {@code 1.2.0.3}), so IPv4 is
 * read here, strictly, and only text that can be nothing but an IPv6 literal is handed to it.
 */
final class IpLiterals {

    /** The longest IPv6 text: eight groups, or six and an IPv4 address ({@code ffff:...:255.255.255.255}). */
    private static final int MAX_LENGTH = 45;

    private IpLiterals() {}

    /**
     * The address {@code text} spells: IPv4 as four decimal numbers 0..255 without leading zeros
     * ({@code 192.0.2.1}), or IPv6 in any of its RFC 4291 forms without brackets, port or zone
     * ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}). An IPv4-mapped IPv6 address comes out as the
     * IPv4 address it maps. Anything else, surrounding spaces included, is empty.
     */
    static Optional<InetAddress> parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        char first = text.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return Optional.empty();
            }
        }
        try {
            // a literal with a colon, starting with a hex digit or a colon: parsed, never looked up
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return Optional.empty();
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return Optional.empty(); // a leading zero: octal to some readers
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        if (part != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
