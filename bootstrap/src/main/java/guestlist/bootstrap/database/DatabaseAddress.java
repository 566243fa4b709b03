package guestlist.bootstrap.database;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code jdbc:postgresql://} URL points, read as pgjdbc reads it: the hosts and ports
 * between {@code //} and the path ({@code host}, {@code host:port}, {@code [ipv6]:port}, several
 * separated by commas; no host is {@code localhost}, no port is 5432). For the settings' check and
 * for saying which database could not be reached, never with the URL's parameters (they may hold
 * a password).
 */
public final class DatabaseAddress {

    static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    private DatabaseAddress() {}

    /**
     * {@code host:port}, several joined by commas, e.g. {@code db.example:5432}.
     *
     * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql://} URL with
     *     hosts and ports that can be read, saying what is wrong without repeating the URL
     */
    public static String of(String jdbcUrl) {
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("it must start with " + PREFIX);
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.isEmpty()) {
            return "localhost:" + DEFAULT_PORT;
        }
        List<String> hosts = new ArrayList<>();
        for (String hostAndPort : authority.split(",", -1)) {
            hosts.add(hostAndPort(hostAndPort));
        }
        return String.join(",", hosts);
    }

    private static String hostAndPort(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("an IPv6 host in brackets lacks its ']'");
            }
            host = text.substring(0, close + 1);
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("after an IPv6 host in brackets only ':port' may follow");
            }
            port = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a host is empty");
        }
        if (!host.startsWith("[") && !host.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a host holds characters no host name has");
        }
        return host + ":" + port(port);
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65_535) {
            throw new IllegalArgumentException("a port must be a number from 1 to 65535");
        }
        return Integer.parseInt(text);
    }
}
