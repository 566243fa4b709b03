package guestlist.bench.reference;

import guestlist.bench.result.Row;
import guestlist.bench.system.Database;
import guestlist.bench.system.Load;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reference (b): pgbench ({@code -M prepared}, as many connections as the server's pool) on the
 * SQL that one request sends, from a script of {@code bench/sql}, against the benchmark's
 * PostgreSQL. Its p50 and p99 come from pgbench's per-transaction log.
 */
public final class Pgbench implements Measurement {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final String name;
    private final Path script;
    private final Map<String, String> variables;
    private final boolean available;
    private final int port;
    private final int clients;
    private final int threads;
    private final double seconds;
    private final double warmupSeconds;
    private final Path work;

    /**
     * @param name      the start of its rows' name; the connections are added
     * @param variables set with {@code -D name=value} for the script
     * @param available false when pgbench is missing
     */
    public Pgbench(
            String name,
            Path script,
            Map<String, String> variables,
            boolean available,
            Database database,
            int clients,
            int threads,
            double seconds,
            double warmupSeconds,
            Path work) {
        this.name = name;
        this.script = script;
        this.variables = Map.copyOf(variables);
        this.available = available;
        this.port = database.port();
        this.clients = clients;
        this.threads = threads;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.work = work;
    }

    @Override
    public String name() {
        return name + " (" + clients + " conns)";
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public Row measure() throws Exception {
        if (warmupSeconds > 0) {
            run(Math.min(warmupSeconds, seconds), null);
        }
        String file = script.getFileName().toString();
        Path logs = work.resolve("pgbench-" + file.replace(".sql", "") + "-" + System.nanoTime());
        Files.createDirectories(logs);
        String output = run(seconds, logs);
        Matcher tps = TPS.matcher(output);
        Matcher failed = FAILED.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps: " + output);
        }
        long[] latencies;
        try (Stream<Path> files = Files.list(logs)) {
            latencies = files.flatMap(Pgbench::lines)
                    .mapToLong(line -> Long.parseLong(line.split(" ", -1)[2]))
                    .sorted()
                    .toArray();
        }
        return Row.measured(
                name(),
                Double.parseDouble(tps.group(1)),
                Load.percentile(latencies, 50) / 1e3,
                Load.percentile(latencies, 99) / 1e3,
                failed.find() ? Long.parseLong(failed.group(1)) : 0);
    }

    /** @param logs null for no per-transaction log */
    private String run(double runSeconds, Path logs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-h",
                "localhost",
                "-p",
                Integer.toString(port),
                "-U",
                Database.USER,
                "-n",
                "-M",
                "prepared",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, threads)),
                "-T",
                Long.toString(Math.max(1, Math.round(runSeconds))),
                "-f",
                script.toString()));
        variables.forEach((variable, value) -> command.addAll(List.of("-D", variable + "=" + value)));
        if (logs != null) {
            command.addAll(List.of("-l", "--log-prefix=" + logs.resolve("tx")));
        }
        command.add(Database.NAME);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor((long) runSeconds + 120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank());
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
