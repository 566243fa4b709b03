package guestlist.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret of an invite: 192 bits from a CSPRNG written as 32 characters of URL-safe base64.
 * A token of any other shape cannot exist, so lookups of garbage never reach storage.
 */
public record InviteToken(String value) {

    private static final int RANDOM_BYTES = 24;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32}");

    public InviteToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new GuestlistException(ErrorCode.INVALID_INVITE_TOKEN, "that invite token is not valid");
        }
    }

    public static InviteToken random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new InviteToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether some text has the shape of a token (it may still name no invite). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
