package guestlist.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the benchmark (a Guestlist server, the bare Undertow, a reference main), its
 * output appended to a log file of its own.
 */
public final class Proc implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private Proc(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    public static Proc start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("GUESTLIST_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new Proc(builder.start(), log, started);
    }

    /** The java command of this JVM, for child JVMs of the same version. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Polls {@code url} until it answers 200 (every 10 ms) and returns the milliseconds since the
     * process was started.
     */
    public double awaitHealthy(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the process ended with " + process.exitValue() + "; see " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not healthy within " + timeout + ": " + url + "; see " + log + ":\n" + tail());
    }

    /** Waits for a line containing {@code text} in the log. */
    public String awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no line with '" + text + "' within " + timeout + " in " + log);
    }

    public boolean logContains(String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /**
     * CPU seconds (user + system, all threads) the process has used so far, from
     * {@code /proc/<pid>/stat} (clock ticks of 1/100 s); NaN when unreadable. Unlike the wall
     * time it hardly depends on what else the machine runs.
     */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            // after the command: state(0) ... utime(11) stime(12)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    /** {@code VmHWM} (peak resident set) of the process, in MiB; -1 when unreadable. */
    public double peakRssMiB() {
        return statusKiB("VmHWM") / 1024.0;
    }

    public long statusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
        return -1;
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    /** SIGTERM, then up to 30 s for a graceful stop, then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
