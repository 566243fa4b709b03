package guestlist.application.port.out;

/**
 * An out-port was asked to store a second one of what it keeps one of only: a second invite with
 * a token, a second application of an account. The services never ask for that (tokens are random,
 * an account applies once, in the transaction that makes it), so it means a bug; every adapter
 * throws this, and the transaction it happens in rolls back.
 */
public final class AlreadyStoredException extends RuntimeException {

    public AlreadyStoredException(String message) {
        super(message);
    }

    public AlreadyStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
