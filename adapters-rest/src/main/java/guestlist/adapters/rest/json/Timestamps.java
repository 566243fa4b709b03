package guestlist.adapters.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/** Timestamps on the wire: RFC 3339 in UTC, e.g. {@code 2026-11-25T10:15:30.123456Z}. */
public final class Timestamps {

    private Timestamps() {}

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * How a timestamp in a request is read: jsr310's {@link InstantDeserializer}, held to RFC 3339
     * with an offset, in upper or lower case ({@code t}, {@code z}: RFC 3339 §5.6 allows them); a JSON
     * string only, without the epoch numbers or the blanks around it that jsr310 would also take.
     * RFC 3339's {@code date-time} exactly: a four-digit year, a time with seconds (ISO 8601, and
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, also take {@code 12:00} without them, which the
     * API's OpenAPI document, {@code format: date-time}, does not), an optional fraction, an offset.
     */
    public static final class Rfc3339 extends InstantDeserializer<Instant> {

        public static final String EXPECTED = "an RFC 3339 timestamp with an offset, like 2026-01-31T12:00:00Z";

        public Rfc3339() {
            super(
                    InstantDeserializer.INSTANT,
                    new DateTimeFormatterBuilder()
                            .parseCaseInsensitive()
                            .appendValue(ChronoField.YEAR, 4)
                            .appendLiteral('-')
                            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
                            .appendLiteral('-')
                            .appendValue(ChronoField.DAY_OF_MONTH, 2)
                            .appendLiteral('T')
                            .appendValue(ChronoField.HOUR_OF_DAY, 2)
                            .appendLiteral(':')
                            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                            .appendLiteral(':')
                            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                            .optionalStart()
                            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                            .optionalEnd()
                            .appendOffset("+HH:MM", "Z")
                            .toFormatter()
                            .withResolverStyle(ResolverStyle.STRICT)
                            .withChronology(IsoChronology.INSTANCE));
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            if (!p.getText().equals(p.getText().trim())) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "blanks around it");
            }
            return super.deserialize(p, ctxt);
        }
    }
}
