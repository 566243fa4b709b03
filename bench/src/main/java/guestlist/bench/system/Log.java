package guestlist.bench.system;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/** The benchmark's progress lines on standard output: {@code [bench HH:MM:SS] ...}, in the machine's own time zone. */
public final class Log {

    private Log() {}

    public static void line(String format, Object... args) {
        System.out.println("[bench " + LocalTime.now(ZoneId.systemDefault()).withNano(0) + "] "
                + String.format(Locale.ROOT, format, args));
    }
}
