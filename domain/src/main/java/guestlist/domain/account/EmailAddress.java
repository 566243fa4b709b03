package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address of the usual {@code local@domain.tld} shape, at most 254 characters, without
 * spaces or control characters. Unique on the site ignoring case.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public EmailAddress {
        if (value == null
                || value.length() > MAX_LENGTH
                || !SHAPE.matcher(value).matches()) {
            throw new Refusal(Rule.EMAIL_ADDRESS_SHAPE, "not an e-mail address");
        }
    }

    /** The form under which uniqueness and log-in are decided. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
