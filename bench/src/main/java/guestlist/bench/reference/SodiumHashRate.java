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
 * The fastest Argon2id on the machine, for comparison with Guestlist's own hasher: libsodium's
 * {@code crypto_pwhash} (Debian's package) at the same settings (m = 19 MiB, t = 2, p = 1), one
 * thread per core, each hashing in a loop after a warm-up, in the small C program
 * {@code bench/native/sodium_hash_rate.c}, which {@code bench/run.sh} compiles when a C compiler
 * and libsodium's headers are there. Its p50 column is the mean milliseconds per hash. Not
 * available without the program.
 */
public final class SodiumHashRate implements Measurement {

    private static final Pattern LINE = Pattern.compile("SODIUMRATE (\\S+) (\\S+) (\\d+) ([0-9a-f]{64})");

    private final Path program;
    private final int threads;
    private final double seconds;
    private final double warmupSeconds;
    private final Path work;

    public SodiumHashRate(Path program, int threads, double seconds, double warmupSeconds, Path work) {
        this.program = program;
        this.threads = threads;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.work = work;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "ref: libsodium Argon2id m=19MiB t=2 p=1, %d threads", threads);
    }

    @Override
    public boolean available() {
        return Files.isExecutable(program);
    }

    @Override
    public Row measure() throws Exception {
        Path log = work.resolve("sodium-" + System.nanoTime() + ".log");
        List<String> command = List.of(
                program.toString(),
                Double.toString(seconds),
                Integer.toString(threads),
                Double.toString(warmupSeconds));
        try (Proc proc = Proc.start(command, Map.of(), log)) {
            proc.waitFor(Duration.ofSeconds((long) (seconds + warmupSeconds) + 120));
        }
        String output = Files.readString(log);
        Matcher line = LINE.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException(program + " printed no rate: " + output);
        }
        return Row.measured(
                name(), Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2)), Double.NaN, 0);
    }

    @Override
    public String remark() {
        return " (its p50 column: mean ms per hash)";
    }
}
