package guestlist.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @Test
    void threeCharactersAreEnough() {
        assertThat(new Username("abc").value()).isEqualTo("abc");
    }

    @Test
    void twentyCharactersAreTheMost() {
        String twenty = "a".repeat(20);
        assertThat(new Username(twenty).value()).isEqualTo(twenty);
    }

    @Test
    void lettersDigitsAndUnderscoresOfBothCasesAreAllowed() {
        assertThat(new Username("Az_09_zA").value()).isEqualTo("Az_09_zA");
    }

    @Test
    void twoCharactersAreRefused() {
        assertRefused("ab");
    }

    @Test
    void twentyOneCharactersAreRefused() {
        assertRefused("a".repeat(21));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "has space",
                "dash-ed",
                "dot.ted",
                "at@sign",
                "ümlaut",
                "émile",
                "tab\there",
                "trailing\n",
                "abc\u0000",
                "١٢٣٤",
                "ｆｕｌｌ"
            })
    void charactersOutsideLettersDigitsAndUnderscoreAreRefused(String name) {
        assertRefused(name);
    }

    @Test
    void nullIsRefused() {
        assertRefused(null);
    }

    @Test
    void canonicalFormIgnoresCase() {
        assertThat(new Username("AliCE").canonical()).isEqualTo(new Username("alice").canonical());
    }

    @Test
    void toStringIsTheName() {
        assertThat(new Username("alice")).hasToString("alice");
    }

    private static void assertRefused(String name) {
        assertThatThrownBy(() -> new Username(name))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.USERNAME_SHAPE));
    }
}
