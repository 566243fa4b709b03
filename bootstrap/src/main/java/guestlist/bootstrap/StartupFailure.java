package guestlist.bootstrap;

import java.util.Optional;

/**
 * A start that cannot go on, for a reason an operator can act on: {@link Main} prints its message as
 * one line, without a stack trace, and exits with {@link #exitCode()}. The message names the
 * variable to look at.
 */
public final class StartupFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Anything but the two below: an address already in use, for instance. */
    public static final int EXIT_FAILED = 1;

    /** A setting that cannot be understood (see {@link Settings}). */
    public static final int EXIT_BAD_SETTING = 2;

    /** The database could not be reached within {@code GUESTLIST_DATABASE_START_TIMEOUT}, or refused us. */
    public static final int EXIT_DATABASE_UNREACHABLE = 3;

    private final int exitCode;

    public StartupFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The first {@code StartupFailure} among {@code failure} and its causes (Spring wraps what a bean throws). */
    static Optional<StartupFailure> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupFailure startupFailure) {
                return Optional.of(startupFailure);
            }
        }
        return Optional.empty();
    }
}
