package guestlist.adapters.postgres;

import guestlist.application.port.out.AlreadyStoredException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;

/** PostgreSQL's unique violation (SQLState 23505) as the out-ports' {@link AlreadyStoredException}. */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {}

    /** Runs an insert; a unique violation comes out as an {@link AlreadyStoredException} saying {@code what}. */
    static <T> T asAlreadyStored(String what, Supplier<T> insert) {
        try {
            return insert.get();
        } catch (DataIntegrityViolationException violation) {
            if (causedBy(violation)) {
                throw new AlreadyStoredException(what, violation);
            }
            throw violation;
        }
    }

    /** Whether a failure, or anything that caused it, is a unique violation. */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
