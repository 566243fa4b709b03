package guestlist.bench.result;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's result as markdown: a heading, the facts of the run (machine, load average, load),
 * the table and its notes. README's "Performance" quotes it, so its shape is fixed: left-aligned
 * text columns (scenario, reference, target), right-aligned figures.
 */
public record ResultTable(String heading, List<String> facts, List<Row> rows, List<String> notes) {

    private static final String[] HEADER = {
        "scenario", "req/s", "p50 ms", "p99 ms", "errors", "reference", "ref value", "ratio", "target", "met"
    };

    public ResultTable {
        facts = List.copyOf(facts);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public String markdown() {
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(row.cells());
        }
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] line : cells) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("\n## ").append(heading).append("\n\n");
        for (String fact : facts) {
            out.append("- ").append(fact).append('\n');
        }
        out.append('\n');
        appendLine(out, HEADER, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < HEADER.length; i++) {
            rule.append(left(i) ? " :" : " ")
                    .append("-".repeat(Math.max(3, widths[i] - 1)))
                    .append(left(i) ? " |" : ": |");
        }
        out.append(rule).append('\n');
        for (String[] line : cells) {
            appendLine(out, line, widths);
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Writes the markdown to each file, creating its directory. */
    public void write(Path... files) throws IOException {
        String markdown = markdown();
        for (Path file : files) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown);
        }
    }

    /**
     * 0 when every measured load (scenario or reference) ran with requests and without errors, else
     * 1; says so in one line ({@code BENCH OK ...} or {@code BENCH FAILED ...}). Figures are not
     * judged.
     */
    public int verdict(PrintStream out) {
        List<String> failed = rows.stream()
                .filter(Row::isLoad)
                .filter(row -> row.errors() > 0 || !(row.perSecond() > 0))
                .map(Row::name)
                .toList();
        long ran = rows.stream().filter(Row::isLoad).count();
        if (failed.isEmpty()) {
            out.printf(Locale.ROOT, "BENCH OK: %d scenarios and references ran, none with errors%n", ran);
            return 0;
        }
        out.printf(Locale.ROOT, "BENCH FAILED: no requests or errors in %s%n", failed);
        return 1;
    }

    private static boolean left(int column) {
        return column == 0 || column == 5 || column == 8;
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(left(i) ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }
}
