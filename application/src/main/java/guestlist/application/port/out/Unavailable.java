package guestlist.application.port.out;

/**
 * What an out-port throws when what stands behind it cannot serve now: the store cannot be
 * reached, or the password hashing pool is full or stopping. Nothing was done; trying again later
 * may succeed.
 */
public final class Unavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
