package guestlist.domain.account;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Locale;
import java.util.regex.Pattern;

/** A user name: 3 to 20 characters of {@code [A-Za-z0-9_]}. Unique on the site ignoring case. */
public record Username(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_]{3,20}");

    public Username {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new Refusal(
                    Rule.USERNAME_SHAPE, "a user name is 3 to 20 characters of letters A-Z, digits and underscores");
        }
    }

    /** The form under which uniqueness is decided. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
