package guestlist.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import org.junit.jupiter.api.Test;

class PasswordTest {

    /** One code point written as two UTF-16 chars. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void tenCharactersAreEnough() {
        assertThat(new Password("a".repeat(10)).value()).hasSize(10);
    }

    @Test
    void sixtyCharactersAreTheMost() {
        assertThat(new Password("a".repeat(60)).value()).hasSize(60);
    }

    @Test
    void nineCharactersAreRefused() {
        assertRefused("a".repeat(9), Rule.PASSWORD_LENGTH);
    }

    @Test
    void sixtyOneCharactersAreRefused() {
        assertRefused("a".repeat(61), Rule.PASSWORD_LENGTH);
    }

    @Test
    void nullIsRefused() {
        assertRefused(null, Rule.PASSWORD_LENGTH);
    }

    @Test
    void lengthCountsCodePointsNotUtf16Chars() {
        String sixtyEmoji = EMOJI.repeat(60);
        assertThat(sixtyEmoji).hasSize(120);
        assertThat(new Password(sixtyEmoji).value()).isEqualTo(sixtyEmoji);
        assertRefused(EMOJI.repeat(61), Rule.PASSWORD_LENGTH);
    }

    @Test
    void nineCodePointsAreTooShortEvenWhenEighteenCharsLong() {
        String nineEmoji = EMOJI.repeat(9);
        assertThat(nineEmoji).hasSize(18);
        assertRefused(nineEmoji, Rule.PASSWORD_LENGTH);
    }

    @Test
    void chosenPasswordTypedTwiceIdenticallyIsAccepted() {
        assertThat(Password.chosen("correct horse", "correct horse").value()).isEqualTo("correct horse");
    }

    @Test
    void chosenPasswordTypedDifferentlyIsRefused() {
        assertThatThrownBy(() -> Password.chosen("correct horse", "correct house"))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.PASSWORDS_DIFFER));
    }

    @Test
    void chosenPasswordWithMissingRepetitionIsRefused() {
        assertThatThrownBy(() -> Password.chosen("correct horse", null))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.PASSWORDS_DIFFER));
    }

    @Test
    void chosenPasswordTooShortIsRefusedForItsLengthFirst() {
        assertThatThrownBy(() -> Password.chosen("short", "other"))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.PASSWORD_LENGTH));
    }

    @Test
    void toStringHidesThePassword() {
        Password password = new Password("hunter2hunter2");
        assertThat(password.toString()).doesNotContain("hunter2");
    }

    private static void assertRefused(String password, Rule rule) {
        assertThatThrownBy(() -> new Password(password))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
