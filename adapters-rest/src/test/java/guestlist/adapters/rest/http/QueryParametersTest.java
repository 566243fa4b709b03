package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Why query parameters are typed by hand: Undertow hands over text, and Jackson's reading of text
 * as a number or boolean would take blanks around it, "True" or digits of other scripts.
 */
class QueryParametersTest {

    private static QueryParameters query(String name, String... values) {
        Deque<String> deque = new ArrayDeque<>(List.of(values));
        return new QueryParameters(Map.of(name, deque));
    }

    private static void assertRefused(Runnable read, RequestError code, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(RequestRefusal.class, refusal -> {
            assertThat(refusal.error()).isEqualTo(code);
            assertThat(refusal.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void integersAreDecimalDigitsOnly() {
        assertThat(query("person_id", "+42").requiredLong("person_id", 1, Long.MAX_VALUE))
                .isEqualTo(42);
        for (String notOne :
                new String[] {" 5", "5 ", "\u0661\u0662", "\uFF15", "1e3", "1.0", "0x10", "", "9".repeat(19)}) {
            assertRefused(
                    () -> query("person_id", notOne).requiredLong("person_id", 1, Long.MAX_VALUE),
                    RequestError.BAD_REQUEST,
                    "person_id must be an integer between 1 and " + Long.MAX_VALUE);
        }
        assertRefused(
                () -> query("person_id", "0").requiredLong("person_id", 1, 9),
                RequestError.BAD_REQUEST,
                "person_id must be an integer between 1 and 9");
    }

    @Test
    void theLimitIsAnIntegerOrInvalidFetchLimit() {
        assertThat(query("limit", "-7").limit()).contains(-7);
        assertThat(query("other", "1").limit()).isEmpty();
        for (String notOne : new String[] {" 5", "\uFF15", "2147483648", "abc"}) {
            assertRefused(
                    () -> query("limit", notOne).limit(),
                    RequestError.LIMIT_NOT_AN_INTEGER,
                    "limit must be an integer between 1 and 50");
        }
    }

    @Test
    void booleansAreTrueOrFalseExactly() {
        assertThat(query("unread_only", "false").optionalBoolean("unread_only")).isEqualTo(Optional.of(false));
        for (String notOne : new String[] {"True", "TRUE", "1", "yes", " true", ""}) {
            assertRefused(
                    () -> query("unread_only", notOne).optionalBoolean("unread_only"),
                    RequestError.BAD_REQUEST,
                    "unread_only must be true or false");
        }
    }

    @Test
    void aParameterGivenTwiceOrHoldingNulIsRefused() {
        assertRefused(
                () -> query("token", "a", "b").optional("token"),
                RequestError.BAD_REQUEST,
                "token must be given at most once");
        assertRefused(
                () -> query("token", "a\u0000b").required("token"),
                RequestError.BAD_REQUEST,
                "token must not contain NUL characters");
        assertRefused(() -> query("other", "x").required("token"), RequestError.BAD_REQUEST, "token is required");
    }
}
