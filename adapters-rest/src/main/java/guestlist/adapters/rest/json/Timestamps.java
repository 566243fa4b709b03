package guestlist.adapters.rest.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Timestamps on the wire: RFC 3339 in UTC, e.g. {@code 2026-11-25T10:15:30.123456Z}. */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
