package guestlist.application.port.in;

import java.util.Objects;

/**
 * A use case that cannot do what it was asked for a reason that is no rule of the domain: who
 * asks, what they name, what is already there. A refusal by a rule is a {@code Refusal} of the
 * domain instead; storage that cannot be reached is {@code Unavailable}.
 */
public final class UseCaseFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the use case failed. */
    public enum Reason {
        /** No session, an unknown, expired or ended one, or its account is gone. */
        NOT_LOGGED_IN,
        /** No account of that name or e-mail address, or the wrong password (one answer for both). */
        INCORRECT_LOGIN,
        /** No registration application has that id, or that account has none. */
        NO_SUCH_APPLICATION,
        /** No account (or person) has the given id. */
        NO_SUCH_ACCOUNT,
        /** The user name is taken, ignoring case. */
        USERNAME_TAKEN,
        /** The e-mail address is taken, ignoring case. */
        EMAIL_TAKEN,
        /** The form's honeypot field, which people leave empty, was filled in. */
        HONEYPOT_FILLED,
        /** The answer to the application question is longer than a form takes. */
        ANSWER_TOO_LONG,
        /** The token names no invite that this account may revoke. */
        NO_INVITE_OF_YOURS
    }

    private final Reason reason;

    public UseCaseFailure(Reason reason, String message) {
        this(reason, message, null);
    }

    public UseCaseFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
