package guestlist.bench.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the benchmark runs on, as far as the table reports it (read from /proc on Linux). */
public final class Machine {

    private Machine() {}

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** e.g. {@code nproc 2, 24 GiB RAM, AMD EPYC ..., Java 17.0.15}. */
    public static String describe() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.replaceAll("^[^:]*:\\s*", ""))
                    .orElse(model);
        } catch (IOException notLinux) {
            // the default stays
        }
        String memory = "?";
        try {
            long kib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .orElse(0L);
            memory = String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0);
        } catch (IOException notLinux) {
            // the default stays
        }
        return String.format(
                Locale.ROOT,
                "nproc %d, %s RAM, %s, Java %s",
                cores(),
                memory,
                model,
                System.getProperty("java.version"));
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 0.56 / 0.40 / 0.31}; "?" when unreadable. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException unreadable) {
            return "?";
        }
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
