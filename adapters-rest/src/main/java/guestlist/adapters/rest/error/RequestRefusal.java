package guestlist.adapters.rest.error;

import java.util.Objects;

/** The adapter refusing a request by itself, for a {@link RequestError}, with a message meant for humans. */
public final class RequestRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RequestError error;

    public RequestRefusal(RequestError error, String message) {
        this(error, message, null);
    }

    public RequestRefusal(RequestError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public RequestError error() {
        return error;
    }
}
