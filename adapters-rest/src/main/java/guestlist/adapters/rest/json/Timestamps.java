package guestlist.adapters.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

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
     */
    public static final class Rfc3339 extends InstantDeserializer<Instant> {

        public static final String EXPECTED = "an RFC 3339 timestamp with an offset, like 2026-01-31T12:00:00Z";

        public Rfc3339() {
            super(
                    InstantDeserializer.INSTANT,
                    new DateTimeFormatterBuilder()
                            .parseCaseInsensitive()
                            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toFormatter());
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
