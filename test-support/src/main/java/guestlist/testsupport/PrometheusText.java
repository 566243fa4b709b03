package guestlist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A scrape of a {@code /metrics} endpoint, parsed as Prometheus' text exposition format (0.0.4) is
 * specified: {@code # HELP} and {@code # TYPE} lines, then samples {@code name{label="value",...}
 * value}, label values with {@code \\}, {@code \"} and {@code \n} escaped. Parsing is strict: a line
 * that is none of these, a sample of a family without {@code # TYPE}, or a series given twice fails
 * the test, so a test that reads a value also checks the format it came in.
 */
public final class PrometheusText {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** Each series, {@code name{a="1",b="2"}} with its labels sorted by name, and its value. */
    private final Map<String, Double> series;
    /** Each family's type, by the name in its {@code # TYPE} line. */
    private final Map<String, String> types;
    /** Every sample, in the order given. */
    private final List<Sample> samples;

    private PrometheusText(Map<String, Double> series, Map<String, String> types, List<Sample> samples) {
        this.series = Collections.unmodifiableMap(series);
        this.types = Collections.unmodifiableMap(types);
        this.samples = List.copyOf(samples);
    }

    /** What {@code GET url} answers, checked to be 200 with Prometheus' text content type, parsed. */
    public static PrometheusText scrape(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/plain") || !type.contains("version=0.0.4")) {
                throw new AssertionError("GET " + url + " answered Content-Type '" + type + "'");
            }
            return parse(response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** {@code text} parsed; an {@link AssertionError} naming the line that is not the format. */
    public static PrometheusText parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 4 && parts[1].equals("TYPE")) {
                    if (types.put(parts[2], parts[3]) != null) {
                        throw new AssertionError("line " + number + ": a second # TYPE of " + parts[2]);
                    }
                } else if (parts.length < 3 || !parts[1].equals("HELP")) {
                    throw new AssertionError("line " + number + " is no # HELP or # TYPE line: " + line);
                }
                continue;
            }
            Sample sample;
            try {
                sample = Sample.parse(line, number);
            } catch (StringIndexOutOfBoundsException cutShort) {
                throw new AssertionError("line " + number + " is no sample (it ends too soon): " + line);
            }
            samples.add(sample);
            if (family(sample.name(), types) == null) {
                throw new AssertionError("line " + number + ": " + sample.name() + " has no # TYPE line before it");
            }
            if (series.put(key(sample.name(), sample.labels()), sample.value()) != null) {
                throw new AssertionError("line " + number + ": the series is given twice: " + line);
            }
        }
        return new PrometheusText(series, types, samples);
    }

    /** The family a sample belongs to: its own name, or the histogram or summary it is a part of. */
    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    /**
     * The value of the series {@code name} with exactly these labels ({@code "mode", "open", ...}),
     * 0 when there is no such series (a counter not yet counted is 0).
     */
    public double value(String name, String... labelsAndValues) {
        return series.getOrDefault(key(name, labels(labelsAndValues)), 0.0);
    }

    /** Whether the series {@code name} with exactly these labels is there. */
    public boolean has(String name, String... labelsAndValues) {
        return series.containsKey(key(name, labels(labelsAndValues)));
    }

    /** The sum over every series of {@code name} whose labels include these. */
    public double sum(String name, String... labelsAndValues) {
        Map<String, String> wanted = labels(labelsAndValues);
        double total = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(wanted.entrySet())) {
                total += sample.value();
            }
        }
        return total;
    }

    /** The type {@code # TYPE} gives the family {@code name}, or null. */
    public String type(String name) {
        return types.get(name);
    }

    /** Every series, as {@code name{labels}}. */
    public Set<String> series() {
        return series.keySet();
    }

    private static Map<String, String> labels(String... labelsAndValues) {
        if (labelsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            labels.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name).append('{');
        String separator = "";
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            key.append(separator).append(label.getKey()).append("=\"");
            for (char c : label.getValue().toCharArray()) {
                switch (c) {
                    case '\\' -> key.append("\\\\");
                    case '"' -> key.append("\\\"");
                    case '\n' -> key.append("\\n");
                    default -> key.append(c);
                }
            }
            key.append('"');
            separator = ",";
        }
        return key.append('}').toString();
    }

    private record Sample(String name, Map<String, String> labels, double value) {

        static Sample parse(String line, int number) {
            int at = 0;
            while (at < line.length() && isNameChar(line.charAt(at), at == 0)) {
                at++;
            }
            if (at == 0) {
                throw bad(line, number, "no metric name");
            }
            String name = line.substring(0, at);
            Map<String, String> labels = new TreeMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                while (line.charAt(at) != '}') {
                    int start = at;
                    while (isNameChar(line.charAt(at), at == start)) {
                        at++;
                    }
                    String label = line.substring(start, at);
                    if (label.isEmpty() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
                        throw bad(line, number, "a label is not name=\"value\"");
                    }
                    at += 2;
                    StringBuilder value = new StringBuilder();
                    while (line.charAt(at) != '"') {
                        char c = line.charAt(at++);
                        if (c == '\\') {
                            char escaped = line.charAt(at++);
                            value.append(
                                    switch (escaped) {
                                        case '\\' -> '\\';
                                        case '"' -> '"';
                                        case 'n' -> '\n';
                                        default -> throw bad(line, number, "an unknown escape \\" + escaped);
                                    });
                        } else {
                            value.append(c);
                        }
                    }
                    at++;
                    if (labels.put(label, value.toString()) != null) {
                        throw bad(line, number, "the label " + label + " is given twice");
                    }
                    if (line.charAt(at) == ',') {
                        at++;
                    } else if (line.charAt(at) != '}') {
                        throw bad(line, number, "labels are not separated by commas");
                    }
                }
                at++;
            }
            if (at >= line.length() || line.charAt(at) != ' ') {
                throw bad(line, number, "no space before the value");
            }
            String[] rest = line.substring(at + 1).split(" ", -1);
            if (rest.length > 2) {
                throw bad(line, number, "more than a value and a timestamp");
            }
            try {
                return new Sample(name, labels, value(rest[0]));
            } catch (NumberFormatException notANumber) {
                throw bad(line, number, "the value is no number");
            }
        }

        private static double value(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        private static boolean isNameChar(char c, boolean first) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || c == '_'
                    || c == ':'
                    || (!first && c >= '0' && c <= '9');
        }

        private static AssertionError bad(String line, int number, String what) {
            return new AssertionError("line " + number + " is no sample (" + what + "): " + line);
        }
    }
}
