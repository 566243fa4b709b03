package guestlist.domain;

import java.util.Objects;

/** A refusal with one of the codes of {@link ErrorCode} and a message meant for humans. */
public class GuestlistException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public GuestlistException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public GuestlistException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
