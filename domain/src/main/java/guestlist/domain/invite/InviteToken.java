package guestlist.domain.invite;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of an invite: 192 bits from a CSPRNG written as 32 characters of URL-safe base64.
 * A token of any other shape cannot exist, so lookups of garbage never reach storage.
 */
public record InviteToken(String value) {

    private static final int RANDOM_BYTES = 24;
    private static final int LENGTH = 32;

    public InviteToken {
        if (!isWellFormed(value)) {
            throw new Refusal(Rule.INVITE_TOKEN_SHAPE, "that invite token is not valid");
        }
    }

    public static InviteToken random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new InviteToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Whether some text has the shape of a token (it may still name no invite): 32 characters of
     * {@code [A-Za-z0-9_-]}. Checked by hand rather than by a regular expression: every invite read
     * from storage is checked, twenty per page of a listing.
     */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean urlSafeBase64 =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!urlSafeBase64) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
