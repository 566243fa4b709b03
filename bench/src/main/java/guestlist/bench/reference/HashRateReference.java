package guestlist.bench.reference;

import guestlist.bench.result.Row;
import guestlist.bench.system.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference (a): Argon2id hashes per second with Guestlist's own hasher on all cores, outside the
 * server ({@link HashRate} in a JVM of its own with the product jar on its class path). Its p50
 * column is the mean milliseconds per hash. The hash-bound limit of register and log in is what
 * those hashes allow: one hash per request.
 */
public final class HashRateReference implements Measurement {

    /** The hasher's settings its name states; a hash with other settings fails the measurement. */
    private static final String SETTINGS = "$argon2id$v=19$m=19456,t=2,p=1$";

    private static final Pattern LINE = Pattern.compile("HASHRATE (\\S+) (\\S+) (\\d+) (\\S+)");

    private final Path productJar;
    private final String hasherClass;
    private final String xmx;
    private final int threads;
    private final double seconds;
    private final double warmupSeconds;
    private final Path work;

    /**
     * @param hasherClass the product's password hasher, with a public no-argument constructor and
     *                    {@code String hash(String)}
     */
    public HashRateReference(
            Path productJar,
            String hasherClass,
            String xmx,
            int threads,
            double seconds,
            double warmupSeconds,
            Path work) {
        this.productJar = productJar;
        this.hasherClass = hasherClass;
        this.xmx = xmx;
        this.threads = threads;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.work = work;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "ref: Argon2id m=19MiB t=2 p=1, %d threads", threads);
    }

    @Override
    public Row measure() throws Exception {
        Path log = work.resolve("hashrate-" + System.nanoTime() + ".log");
        String classPath = productJar + java.io.File.pathSeparator + System.getProperty("java.class.path");
        List<String> command = List.of(
                Proc.java(),
                "-Xmx" + xmx,
                "-cp",
                classPath,
                HashRate.class.getName(),
                hasherClass,
                Double.toString(seconds),
                Integer.toString(threads),
                Double.toString(warmupSeconds));
        try (Proc proc = Proc.start(command, Map.of(), log)) {
            proc.waitFor(Duration.ofSeconds((long) (seconds + warmupSeconds) + 120));
        }
        String output = Files.readString(log);
        Matcher line = LINE.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("HashRate printed nothing: " + output);
        }
        if (!line.group(4).startsWith(SETTINGS)) {
            throw new IllegalStateException("the hasher " + hasherClass + " no longer hashes with " + SETTINGS
                    + " (the reference's name says so): " + line.group(4));
        }
        return Row.measured(
                name(), Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2)), Double.NaN, 0);
    }

    @Override
    public String remark() {
        return " (its p50 column: mean ms per hash)";
    }
}
