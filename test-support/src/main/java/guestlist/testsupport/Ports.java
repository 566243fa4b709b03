package guestlist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on this machine. */
public final class Ports {

    /** Below the ephemeral range, where no outgoing connection takes its local port. */
    private static final int LOWEST = 10_000;

    private Ports() {}

    /**
     * A port nothing listens on right now, for a server that must be told its port before it starts.
     * It is picked at random below the kernel's range of ephemeral ports: a port from that range
     * (what binding port 0 gives) may be taken, before the server binds it, as the local port of any
     * outgoing connection on the machine, and the server's start would then fail.
     */
    public static int free() {
        int below = ephemeralLowest();
        for (int attempt = 0; attempt < 200 && below - LOWEST > 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first ephemeral port (Linux: /proc/sys/net/ipv4/ip_local_port_range; else IANA's 49152). */
    private static int ephemeralLowest() {
        try {
            String range = Files.readString(
                            Path.of("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII)
                    .trim();
            return Integer.parseInt(range.split("\\s+", 2)[0]);
        } catch (IOException | RuntimeException unknown) {
            return 49_152;
        }
    }
}
