package guestlist.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertRefused("a".repeat(9), ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void sixtyOneCharactersAreRefused() {
        assertRefused("a".repeat(61), ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void nullIsRefused() {
        assertRefused(null, ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void lengthCountsCodePointsNotUtf16Chars() {
        String sixtyEmoji = EMOJI.repeat(60);
        assertThat(sixtyEmoji).hasSize(120);
        assertThat(new Password(sixtyEmoji).value()).isEqualTo(sixtyEmoji);
        assertRefused(EMOJI.repeat(61), ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void nineCodePointsAreTooShortEvenWhenEighteenCharsLong() {
        String nineEmoji = EMOJI.repeat(9);
        assertThat(nineEmoji).hasSize(18);
        assertRefused(nineEmoji, ErrorCode.INVALID_PASSWORD);
    }

    @Test
    void chosenPasswordTypedTwiceIdenticallyIsAccepted() {
        assertThat(Password.chosen("correct horse", "correct horse").value()).isEqualTo("correct horse");
    }

    @Test
    void chosenPasswordTypedDifferentlyIsRefused() {
        assertThatThrownBy(() -> Password.chosen("correct horse", "correct house"))
                .isInstanceOfSatisfying(GuestlistException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSWORDS_DO_NOT_MATCH));
    }

    @Test
    void chosenPasswordWithMissingRepetitionIsRefused() {
        assertThatThrownBy(() -> Password.chosen("correct horse", null))
                .isInstanceOfSatisfying(GuestlistException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSWORDS_DO_NOT_MATCH));
    }

    @Test
    void chosenPasswordTooShortIsRefusedForItsLengthFirst() {
        assertThatThrownBy(() -> Password.chosen("short", "other"))
                .isInstanceOfSatisfying(GuestlistException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PASSWORD));
    }

    @Test
    void toStringHidesThePassword() {
        Password password = new Password("hunter2hunter2");
        assertThat(password.toString()).doesNotContain("hunter2");
    }

    private static void assertRefused(String password, ErrorCode code) {
        assertThatThrownBy(() -> new Password(password))
                .isInstanceOfSatisfying(GuestlistException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
