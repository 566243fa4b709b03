package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a request's path and query reaches a log line. */
class LoggedTargetTest {

    @Test
    void aPathWithoutQueryIsWrittenAsItIs() {
        assertThat(LoggedTarget.of("/api/v4/site", "")).isEqualTo("/api/v4/site");
        assertThat(LoggedTarget.of("/api/v4/site", null)).isEqualTo("/api/v4/site");
    }

    @Test
    void anInviteTokenIsNeverWritten() {
        assertThat(LoggedTarget.of("/api/v4/account/invite/validity", "token=fRYW5DLiYvR_QLGxMrO7sce2vU8_uguO"))
                .isEqualTo("/api/v4/account/invite/validity?token=***");
        assertThat(LoggedTarget.of("/signup", "token=abc&token=def")).isEqualTo("/signup?token=***&token=***");
    }

    @Test
    void theApisNonSecretParametersAreShownAndEveryOtherValueIsRedacted() {
        assertThat(LoggedTarget.of(
                        "/api/v4/admin/users",
                        "limit=5&page_cursor=abc&sort=old&banned_only=true&invited_by_local_user_id=7"))
                .isEqualTo("/api/v4/admin/users?limit=5&page_cursor=abc&sort=old&banned_only=true"
                        + "&invited_by_local_user_id=7");
        assertThat(LoggedTarget.of("/api/v4/account", "auth=eyJhbGciOi.secret&password=hunter2hunter2&limit=3"))
                .as("a session sent the way older Lemmy clients did, a password sent by mistake")
                .isEqualTo("/api/v4/account?auth=***&password=***&limit=3");
    }

    @Test
    void aNameIsMatchedAsTheApiReadsItSoAnEncodedTokenIsRedactedToo() {
        assertThat(LoggedTarget.of("/x", "%74oken=secret&tok%65n=secret2&limit=1"))
                .isEqualTo("/x?%74oken=***&tok%65n=***&limit=1");
        assertThat(LoggedTarget.of("/x", "%6cimit=4"))
                .as("an encoded name of a shown parameter")
                .isEqualTo("/x?%6cimit=4");
        assertThat(LoggedTarget.decode("page+cursor%2")).isEqualTo("page cursor%2");
    }

    @Test
    void aQueryPartWithoutEqualsIsRedactedWholeAndEmptyPartsStay() {
        assertThat(LoggedTarget.of("/x", "fRYW5DLiYvR_QLGxMrO7sce2vU8_uguO")).isEqualTo("/x?***");
        assertThat(LoggedTarget.of("/x", "&limit=2&&token=")).isEqualTo("/x?&limit=2&&token=***");
    }

    @Test
    void nothingCanBreakTheLineControlCharactersSpacesQuotesAndNonAsciiAreEncoded() {
        assertThat(LoggedTarget.of("/a b\n\"c\\é", "limit=1\r\n2")).isEqualTo("/a%20b%0A%22c%5C%C3%A9?limit=1%0D%0A2");
        assertThat(LoggedTarget.of("/\uD83D\uDE00", "")).isEqualTo("/%F0%9F%98%80");
    }

    @Test
    void aTargetInAbsoluteFormKeepsOnlyItsPathForItsAuthorityMayHoldAPassword() {
        assertThat(LoggedTarget.of("http://alice:hunter2hunter2@guestlist.example/api/v4/site", ""))
                .isEqualTo("/api/v4/site");
        assertThat(LoggedTarget.of("http://guestlist.example", "")).isEqualTo("/");
        assertThat(LoggedTarget.of("/api/v4/x://y", "")).isEqualTo("/api/v4/x://y");
    }
}
