package guestlist.bench.result;

import java.util.Locale;

/**
 * One line of the result table: a measured load (requests per second, p50 and p99 latency,
 * errors) or a single value ({@code value}, e.g. "843 ms"), and, when it has one, its reference,
 * the ratio against it and the target that ratio must meet.
 *
 * @param value null for a measured load
 * @param met   null when the row has no target
 */
public record Row(
        String name,
        double perSecond,
        double p50,
        double p99,
        long errors,
        String value,
        String reference,
        String referenceValue,
        double ratio,
        String target,
        Boolean met) {

    public static Row measured(String name, double perSecond, double p50, double p99, long errors) {
        return new Row(name, perSecond, p50, p99, errors, null, "", "", Double.NaN, "", null);
    }

    public static Row info(String name, String value) {
        return new Row(name, Double.NaN, Double.NaN, Double.NaN, 0, value, "", "", Double.NaN, "", null);
    }

    /** This row against its reference: the ratio and whether it meets the target. */
    public Row judged(String reference, String referenceValue, double ratio, Target target) {
        return new Row(
                name,
                perSecond,
                p50,
                p99,
                errors,
                value,
                reference,
                referenceValue,
                ratio,
                target.toString(),
                target.metBy(ratio));
    }

    /** This row with a reference that could not be measured: named, with no value and no verdict. */
    public Row withoutReference(String reference) {
        return new Row(name, perSecond, p50, p99, errors, value, reference, "", Double.NaN, "", null);
    }

    /** This row with a target that is not a ratio (e.g. "none"). */
    public Row checked(String target, boolean met) {
        return new Row(name, perSecond, p50, p99, errors, value, reference, referenceValue, ratio, target, met);
    }

    /** A measured load, as opposed to a single value. */
    public boolean isLoad() {
        return value == null;
    }

    public String describe() {
        return String.format(
                Locale.ROOT, "%s: %.1f req/s, p50 %.2f ms, p99 %.2f ms, %d errors", name, perSecond, p50, p99, errors);
    }

    String[] cells() {
        return new String[] {
            name,
            value != null ? value : number(perSecond, 1),
            value != null ? "" : number(p50, 2),
            value != null ? "" : number(p99, 2),
            value != null ? "" : Long.toString(errors),
            reference,
            referenceValue,
            Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio),
            target,
            met == null ? "" : met ? "yes" : "NO"
        };
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
