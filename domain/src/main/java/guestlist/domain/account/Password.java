package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;

/**
 * A password as typed at registration: 10 to 60 characters. Never stored; only its slow
 * salted hash is. {@link #toString()} does not reveal it.
 */
public record Password(String value) {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 60;

    public Password {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new Refusal(
                    Rule.PASSWORD_LENGTH, "a password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
    }

    /** The rule of the registration form: the password is typed twice, identically. */
    public static Password chosen(String password, String verify) {
        Password chosen = new Password(password);
        if (!password.equals(verify)) {
            throw new Refusal(Rule.PASSWORDS_DIFFER, "the two passwords differ");
        }
        return chosen;
    }

    @Override
    public String toString() {
        return "Password[***]";
    }
}
