package guestlist.bench.result;

import java.util.Locale;

/**
 * What a ratio must be for a figure to meet its target: at least or at most a bound, printed as
 * {@code >= 0.80} or {@code <= 1.20}.
 */
public record Target(boolean atLeast, double bound) {

    public static Target atLeast(double bound) {
        return new Target(true, bound);
    }

    public static Target atMost(double bound) {
        return new Target(false, bound);
    }

    public boolean metBy(double ratio) {
        return atLeast ? ratio >= bound : ratio <= bound;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.2f", atLeast ? ">=" : "<=", bound);
    }
}
