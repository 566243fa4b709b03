package guestlist.bench.system;

import guestlist.bench.result.Row;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives HTTP load: with wrk and {@code bench/lua/scenario.lua} when wrk is there, else with a
 * small closed-loop Java client (one thread per connection, java.net.http) that fills the same
 * placeholders. Both answer the same {@link Result}: requests, errors (non-2xx answers, broken
 * connections, time-outs), p50 and p99 latency.
 */
public final class Load {

    /**
     * One scenario's request.
     *
     * @param body    null for none; may hold {seq} and {rand}
     * @param tokens  null for no Authorization header, else a file of session tokens (one a line)
     * @param randMax {rand} is in 0 .. randMax-1
     */
    public record Spec(String method, String path, String body, Path tokens, int randMax) {

        public static Spec get(String path) {
            return new Spec("GET", path, null, null, 1);
        }

        /** A GET authenticated with a random one of the session tokens in {@code tokens}. */
        public static Spec get(String path, Path tokens) {
            return new Spec("GET", path, null, tokens, 1);
        }

        public static Spec post(String path, String body) {
            return new Spec("POST", path, body, null, 1);
        }

        /** A POST authenticated with a random one of the session tokens in {@code tokens}. */
        public static Spec post(String path, String body, Path tokens) {
            return new Spec("POST", path, body, tokens, 1);
        }

        /** With {rand} in 0 .. randMax-1. */
        public Spec withRandMax(int randMax) {
            return new Spec(method, path, body, tokens, randMax);
        }
    }

    public record Result(long requests, double seconds, long errors, double p50Ms, double p99Ms, double maxMs) {

        public double perSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        public Row toRow(String name) {
            return Row.measured(name, perSecond(), p50Ms, p99Ms, errors);
        }
    }

    private static final Pattern WRK_LINE = Pattern.compile("BENCH (\\{.*})");

    private final String engine;
    private final Path lua;
    private final int threads;
    private final int connections;

    public Load(String engine, Path lua, int threads, int connections) {
        this.engine = engine;
        this.lua = lua;
        this.threads = threads;
        this.connections = connections;
    }

    /** The same load generator with {@code connections} connections (and at most as many threads). */
    public Load with(int connections) {
        return new Load(engine, lua, Math.min(threads, connections), connections);
    }

    /**
     * Sends {@code spec}'s request for {@code seconds} over all connections, each answered before the
     * connection sends the next.
     *
     * @param prefix the start of {seq}: unique per load within a run so that registrations never
     *               collide
     */
    public Result run(String baseUrl, Spec spec, String prefix, double seconds) throws Exception {
        return engine.equals("wrk") ? wrk(baseUrl, spec, prefix, seconds) : java(baseUrl, spec, prefix, seconds);
    }

    private Result wrk(String baseUrl, Spec spec, String prefix, double seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t",
                Integer.toString(threads),
                "-c",
                Integer.toString(Math.max(connections, threads)),
                "-d",
                Math.max(1, Math.round(seconds)) + "s",
                "--timeout",
                "10s",
                "-s",
                lua.toString(),
                baseUrl,
                "--",
                spec.method(),
                spec.path(),
                spec.body() == null ? "-" : spec.body(),
                spec.tokens() == null ? "-" : spec.tokens().toString(),
                prefix,
                Integer.toString(Math.max(1, spec.randMax()))));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor((long) seconds + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher line = WRK_LINE.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("wrk printed no BENCH line: " + output);
        }
        String json = line.group(1);
        long requests = field(json, "requests");
        long errors = field(json, "connect")
                + field(json, "read")
                + field(json, "write")
                + field(json, "status")
                + field(json, "timeout");
        return new Result(
                requests,
                field(json, "duration_us") / 1e6,
                errors,
                field(json, "p50_us") / 1e3,
                field(json, "p99_us") / 1e3,
                field(json, "max_us") / 1e3);
    }

    private static long field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    private Result java(String baseUrl, Spec spec, String prefix, double seconds) throws Exception {
        List<String> tokens = spec.tokens() == null
                ? List.of()
                : Files.readAllLines(spec.tokens()).stream()
                        .filter(line -> !line.isBlank())
                        .toList();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections];
        long[] errors = new long[connections];
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c + 1;
            long[][] mine = {new long[1024]};
            Thread worker = new Thread(
                    () -> {
                        long counter = 0;
                        int n = 0;
                        while (System.nanoTime() < deadline) {
                            counter++;
                            String seq = prefix + id + "x" + counter;
                            String rand =
                                    Integer.toString(ThreadLocalRandom.current().nextInt(Math.max(1, spec.randMax())));
                            HttpRequest.Builder request = HttpRequest.newBuilder(
                                            URI.create(baseUrl + fill(spec.path(), seq, rand)))
                                    .timeout(Duration.ofSeconds(10));
                            if (!tokens.isEmpty()) {
                                request.header(
                                        "Authorization",
                                        "Bearer "
                                                + tokens.get(ThreadLocalRandom.current()
                                                        .nextInt(tokens.size())));
                            }
                            if (spec.body() != null) {
                                request.header("Content-Type", "application/json")
                                        .method(
                                                spec.method(),
                                                HttpRequest.BodyPublishers.ofString(fill(spec.body(), seq, rand)));
                            } else {
                                request.method(spec.method(), HttpRequest.BodyPublishers.noBody());
                            }
                            long start = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response =
                                        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                                if (response.statusCode() >= 400) {
                                    errors[id - 1]++;
                                }
                            } catch (IOException | InterruptedException failed) {
                                errors[id - 1]++;
                            }
                            if (n == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], n * 2);
                            }
                            mine[0][n++] = System.nanoTime() - start;
                            counts[id - 1]++;
                        }
                        synchronized (latencies) {
                            latencies.add(Arrays.copyOf(mine[0], n));
                        }
                    },
                    "load-" + id);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long requests = Arrays.stream(counts).sum();
        return new Result(
                requests,
                elapsed,
                Arrays.stream(errors).sum(),
                percentile(all, 50) / 1e6,
                percentile(all, 99) / 1e6,
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static String fill(String text, String seq, String rand) {
        return text.replace("{seq}", seq).replace("{rand}", rand);
    }

    /** The {@code p}th percentile of sorted values (nearest rank); 0 for none. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %d threads, %d connections", engine, threads, connections);
    }
}
