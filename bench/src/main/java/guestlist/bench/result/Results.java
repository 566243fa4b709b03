package guestlist.bench.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one run has found so far, in the order it was found: the start rows, every measurement of
 * each reference, the scenario rows and the notes. {@link #table} turns it into the table, in which
 * each reference is one row (the mean of its measurements) right after the start rows.
 */
public final class Results {

    private final List<Row> starts = new ArrayList<>();
    private final List<Row> scenarios = new ArrayList<>();
    private final Map<String, Series> references = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Every measurement of one reference, and what its notes line adds. */
    private record Series(List<Row> rows, String remark) {}

    public void start(Row row) {
        starts.add(row);
    }

    public void scenario(Row row) {
        scenarios.add(row);
    }

    /** @param remark appended to the reference's notes line (e.g. what its p50 column means) */
    public void reference(Row row, String remark) {
        references
                .computeIfAbsent(row.name(), name -> new Series(new ArrayList<>(), remark))
                .rows()
                .add(row);
    }

    public void note(String note) {
        notes.add(note);
    }

    public Optional<Row> scenario(String name) {
        return scenarios.stream().filter(row -> row.name().equals(name)).findFirst();
    }

    /** The mean requests per second of every measurement of a reference so far. */
    public double referenceMean(String name) {
        Series series = references.get(name);
        return series == null
                ? Double.NaN
                : series.rows().stream().mapToDouble(Row::perSecond).average().orElse(Double.NaN);
    }

    /**
     * The table: the start rows, one row per reference (the mean of its measurements), the scenario
     * rows, then {@code closingRows}; the notes in the order they were taken, one line per
     * reference with each of its measurements, then {@code closingNotes}.
     */
    public ResultTable table(String heading, List<String> facts, List<Row> closingRows, List<String> closingNotes) {
        List<Row> rows = new ArrayList<>(starts);
        List<String> allNotes = new ArrayList<>(notes);
        references.forEach((name, series) -> {
            List<Row> measured = series.rows();
            rows.add(Row.measured(
                    name + (measured.size() > 1 ? " (mean of " + measured.size() + ")" : ""),
                    measured.stream().mapToDouble(Row::perSecond).average().orElse(Double.NaN),
                    measured.stream().mapToDouble(Row::p50).average().orElse(Double.NaN),
                    measured.stream().mapToDouble(Row::p99).average().orElse(Double.NaN),
                    measured.stream().mapToLong(Row::errors).sum()));
            allNotes.add(name + ": "
                    + measured.stream()
                            .map(row -> String.format(Locale.ROOT, "%,.1f/s", row.perSecond()))
                            .toList() + series.remark());
        });
        rows.addAll(scenarios);
        rows.addAll(closingRows);
        allNotes.addAll(closingNotes);
        return new ResultTable(heading, facts, rows, allNotes);
    }
}
