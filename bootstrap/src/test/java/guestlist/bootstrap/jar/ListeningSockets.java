package guestlist.bootstrap.jar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP addresses a process listens on, read from Linux's {@code /proc}: the socket inodes among
 * its open files, looked up in its network namespace's {@code net/tcp} and {@code net/tcp6} tables.
 * What an operator sees with {@code ss -ltnp}, without needing the tool.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /**
     * Each as {@code address:port}, sorted: IPv4 as {@code 127.0.0.1:8536} (also when the JVM listens
     * on it through an IPv6 socket, as {@code ::ffff:127.0.0.1}), IPv6 as {@code [::1]:8536}, and the
     * wildcard of either ({@code 0.0.0.0}, {@code ::}) as {@code *:9536}.
     */
    static Set<String> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = socketInodes(proc.resolve("fd"));
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] columns = line.trim().split("\\s+", -1);
                    if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
                        listening.add(address(columns[1]));
                    }
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return listening;
    }

    private static Set<String> socketInodes(Path fds) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a file closed while we looked: not a listening socket of interest
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return inodes;
    }

    /** {@code 0100007F:2161} is {@code 127.0.0.1:8545}: the address's 32-bit words are in the host's order. */
    static String address(String hex) {
        String[] parts = hex.split(":", -1);
        int port = Integer.parseInt(parts[1], 16);
        String address = parts[0];
        if (address.length() == 8) {
            String ipv4 = ipv4Word(address);
            return (ipv4.equals("0.0.0.0") ? "*" : ipv4) + ":" + port;
        }
        StringBuilder words = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            words.append(littleEndian(address.substring(word * 8, word * 8 + 8)));
        }
        String big = words.toString();
        if (big.startsWith("00000000000000000000FFFF") || big.startsWith("00000000000000000000ffff")) {
            return ipv4Word(littleEndian(big.substring(24))) + ":" + port;
        }
        if (big.matches("0{32}")) {
            return "*:" + port;
        }
        StringBuilder ipv6 = new StringBuilder("[");
        for (int group = 0; group < 8; group++) {
            ipv6.append(group == 0 ? "" : ":")
                    .append(Integer.toHexString(Integer.parseInt(big.substring(group * 4, group * 4 + 4), 16)));
        }
        return ipv6.append("]:").append(port).toString();
    }

    private static String ipv4Word(String hex) {
        String bytes = littleEndian(hex);
        return Integer.parseInt(bytes.substring(0, 2), 16) + "." + Integer.parseInt(bytes.substring(2, 4), 16) + "."
                + Integer.parseInt(bytes.substring(4, 6), 16) + "." + Integer.parseInt(bytes.substring(6, 8), 16);
    }

    /** The word's four bytes, most significant first. */
    private static String littleEndian(String word) {
        return word.substring(6, 8) + word.substring(4, 6) + word.substring(2, 4) + word.substring(0, 2);
    }
}
