package guestlist.bench;

import guestlist.bench.reference.Measurement;
import guestlist.bench.result.Row;
import java.util.Locale;

/** What a scenario's figure is compared with, and under which label the table names it. */
sealed interface Reference {

    String label();

    /**
     * A reference measured right before and right after the scenario (the mean of both, of the
     * {@code metric}: requests per second unless told), so that a change of the machine's load
     * between them shows as a spread of the reference in the notes rather than as a false ratio.
     * When the comparison before measured the same reference last, its measurement after serves as
     * this one's before.
     */
    record Measured(String label, Measurement measurement, Metric metric) implements Reference {

        Measured(String label, Measurement measurement) {
            this(label, measurement, Metric.THROUGHPUT);
        }
    }

    /** A figure of a scenario measured earlier in this run. */
    record Earlier(String label, String scenario, Metric metric) implements Reference {}

    /** Which figure of a row is compared, and how its reference value is printed. */
    enum Metric {
        THROUGHPUT("%.1f/s"),
        P50("%.2f ms"),
        P99("%.1f ms");

        private final String format;

        Metric(String format) {
            this.format = format;
        }

        double of(Row row) {
            return switch (this) {
                case THROUGHPUT -> row.perSecond();
                case P50 -> row.p50();
                case P99 -> row.p99();
            };
        }

        String format(double value) {
            return String.format(Locale.ROOT, format, value);
        }
    }
}
