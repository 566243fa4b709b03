package guestlist.adapters.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.paging.PagePosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @ParameterizedTest
    @EnumSource(PageCursor.Listing.class)
    void cursorRoundTrips(PageCursor.Listing listing) {
        for (long id : new long[] {1, 2, 45, 1_000_000_007L, Long.MAX_VALUE}) {
            PageCursor cursor = new PageCursor(listing, id);
            assertThat(PageCursor.decode(listing, cursor.encode())).isEqualTo(cursor);
        }
    }

    @Test
    void cursorStandsForAPositionInItsListing() {
        PageCursor cursor = PageCursor.of(PageCursor.Listing.APPLICATIONS, new PagePosition(45));
        assertThat(cursor).isEqualTo(new PageCursor(PageCursor.Listing.APPLICATIONS, 45));
        assertThat(cursor.position()).isEqualTo(new PagePosition(45));
    }

    @Test
    void cursorsKeepTheirWireFormat() {
        // URL-safe base64 without padding of "inv:5" and "app:12": cursors handed out before still work
        assertThat(new PageCursor(PageCursor.Listing.INVITES, 5).encode()).isEqualTo("aW52OjU");
        assertThat(PageCursor.decode(PageCursor.Listing.APPLICATIONS, "YXBwOjEy"))
                .isEqualTo(new PageCursor(PageCursor.Listing.APPLICATIONS, 12));
    }

    @Test
    void encodedCursorIsUrlSafeAndOpaque() {
        String wire = new PageCursor(PageCursor.Listing.INVITES, 12345).encode();
        assertThat(wire).matches("[A-Za-z0-9_-]+").doesNotContain("12345");
    }

    @Test
    void cursorOfAnotherListingIsRefused() {
        String applications = new PageCursor(PageCursor.Listing.APPLICATIONS, 5).encode();
        assertUnparsable(PageCursor.Listing.INVITES, applications);
        String invites = new PageCursor(PageCursor.Listing.INVITES, 5).encode();
        assertUnparsable(PageCursor.Listing.APPLICATIONS, invites);
    }

    @Test
    void aCursorOfEveryListingIsRefusedByEveryOtherListing() {
        for (PageCursor.Listing issuer : PageCursor.Listing.values()) {
            String wire = new PageCursor(issuer, 5).encode();
            for (PageCursor.Listing other : PageCursor.Listing.values()) {
                if (other != issuer) {
                    assertUnparsable(other, wire);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!", "not base64 at all", "====", "aW52", "%%%", "aW52OjU.", "AAAA"})
    void garbageIsRefused(String wire) {
        assertUnparsable(PageCursor.Listing.INVITES, wire);
    }

    @Test
    void nullIsRefused() {
        assertUnparsable(PageCursor.Listing.INVITES, null);
    }

    @Test
    void veryLongStringIsRefused() {
        String canonical = new PageCursor(PageCursor.Listing.INVITES, 5).encode();
        assertUnparsable(
                PageCursor.Listing.INVITES,
                canonical.repeat(3000 / canonical.length() + 1).substring(0, 3000));
        assertUnparsable(PageCursor.Listing.INVITES, "A".repeat(3000));
    }

    @Test
    void paddedBase64OfAValidCursorIsRefused() {
        String canonical = new PageCursor(PageCursor.Listing.INVITES, 5).encode();
        String padded = Base64.getUrlEncoder().encodeToString("inv:5".getBytes(StandardCharsets.US_ASCII));
        assertThat(padded).isNotEqualTo(canonical).startsWith(canonical);
        assertUnparsable(PageCursor.Listing.INVITES, padded);
    }

    @Test
    void nonCanonicalTrailingBitsAreRefused() {
        String canonical = new PageCursor(PageCursor.Listing.INVITES, 5).encode();
        // "inv:5" is 5 bytes: the 7th character carries 2 unused bits; flipping the lowest one
        // gives a text that decodes to the same bytes but is not what encode() writes.
        char last = canonical.charAt(canonical.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String tampered = canonical.substring(0, canonical.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(tampered).isNotEqualTo(canonical);
        assertThat(Base64.getUrlDecoder().decode(tampered)).isEqualTo("inv:5".getBytes(StandardCharsets.US_ASCII));
        assertUnparsable(PageCursor.Listing.INVITES, tampered);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "inv:0",
                "inv:-1",
                "inv:007",
                "inv:",
                "inv:abc",
                "inv:1 ",
                " inv:1",
                "inv:99999999999999999999",
                "inv:9223372036854775808",
                "INV:1",
                "inv;1",
                "inv:1:2",
                "app:1x"
            })
    void wellEncodedButMeaninglessContentIsRefused(String plain) {
        String wire = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        assertUnparsable(PageCursor.Listing.INVITES, wire);
    }

    @Test
    void cursorNeedsAPositiveId() {
        assertThatThrownBy(() -> new PageCursor(PageCursor.Listing.INVITES, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertUnparsable(PageCursor.Listing listing, String wire) {
        assertThatThrownBy(() -> PageCursor.decode(listing, wire))
                .isInstanceOfSatisfying(
                        RequestRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(RequestError.PAGE_CURSOR_NOT_ISSUED));
    }
}
