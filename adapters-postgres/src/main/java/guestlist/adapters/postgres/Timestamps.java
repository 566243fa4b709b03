package guestlist.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * {@link Instant}s to and from {@code timestamptz}, the one type of every timestamp column.
 *
 * <p>PostgreSQL keeps timestamps to the microsecond. Instants are truncated to microseconds on
 * the way in, so what a caller stores and what it reads back are equal whenever the caller's
 * clock does not rely on nanoseconds (and comparisons with {@code now} see the same values as
 * the database does).
 */
final class Timestamps {

    private Timestamps() {}

    /** An instant as a {@code timestamptz} parameter: UTC, truncated to microseconds. */
    static SqlParameterValue parameter(Instant instant) {
        return parameter(Optional.of(instant));
    }

    /** An optional instant as a {@code timestamptz} parameter, SQL {@code NULL} when empty. */
    static SqlParameterValue parameter(Optional<Instant> instant) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE,
                instant.map(present -> present.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                        .orElse(null));
    }

    /** The instant of a {@code NOT NULL} column. */
    static Instant read(ResultSet rs, String column) throws SQLException {
        return readOptional(rs, column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    /** The instant of a nullable column, empty for {@code NULL}. */
    static Optional<Instant> readOptional(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
