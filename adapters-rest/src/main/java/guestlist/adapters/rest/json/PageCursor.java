package guestlist.adapters.rest.json;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.paging.PagePosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyset position in one listing as the wire carries it: opaque, URL-safe base64 of
 * {@code <listing>:<id>}. A cursor of another listing, or anything that did not come from
 * {@link #encode()}, is {@code couldnt_parse_pagination_token}.
 */
public record PageCursor(Listing listing, long afterId) {

    private static final int MAX_WIRE_LENGTH = 64;
    private static final Pattern PLAIN = Pattern.compile("([a-z]+):([1-9][0-9]{0,18})");

    /** The listings that hand out cursors. */
    public enum Listing {
        INVITES("inv"),
        APPLICATIONS("app"),
        USERS("usr"),
        INVITE_TREE("tree"),
        INVITE_ANCESTRY("anc"),
        MODERATION_LOG("log");

        private final String tag;

        Listing(String tag) {
            this.tag = tag;
        }
    }

    public PageCursor {
        Objects.requireNonNull(listing, "listing");
        if (afterId < 1) {
            throw new IllegalArgumentException("afterId must be positive");
        }
    }

    /** The cursor of {@code listing} at {@code position}. */
    public static PageCursor of(Listing listing, PagePosition position) {
        return new PageCursor(listing, position.lastId());
    }

    /** The position in the listing that this cursor stands for. */
    public PagePosition position() {
        return new PagePosition(afterId);
    }

    public String encode() {
        String plain = listing.tag + ":" + afterId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor of {@code listing} that {@code wire} encodes, or a refusal. */
    public static PageCursor decode(Listing listing, String wire) {
        if (wire == null || wire.isEmpty() || wire.length() > MAX_WIRE_LENGTH) {
            throw unparsable();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(wire), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            throw unparsable();
        }
        Matcher matcher = PLAIN.matcher(plain);
        if (!matcher.matches() || !matcher.group(1).equals(listing.tag)) {
            throw unparsable();
        }
        try {
            PageCursor cursor = new PageCursor(listing, Long.parseLong(matcher.group(2)));
            if (!cursor.encode().equals(wire)) {
                throw unparsable();
            }
            return cursor;
        } catch (NumberFormatException tooLarge) {
            throw unparsable();
        }
    }

    private static RequestRefusal unparsable() {
        return new RequestRefusal(RequestError.PAGE_CURSOR_NOT_ISSUED, "page_cursor is not a cursor Guestlist issued");
    }
}
