package guestlist.domain.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void randomTokenIs32UrlSafeCharacters() {
        for (int i = 0; i < 200; i++) {
            String value = InviteToken.random(RANDOM).value();
            assertThat(value).hasSize(32).matches("[A-Za-z0-9_-]{32}");
            assertThat(InviteToken.isWellFormed(value)).isTrue();
        }
    }

    @Test
    void randomTokensAreDistinctOverManyDraws() {
        int draws = 10_000;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            seen.add(InviteToken.random(RANDOM).value());
        }
        assertThat(seen).hasSize(draws);
    }

    @Test
    void randomTokensUseTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            InviteToken.random(RANDOM).value().chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(64).contains('-', '_');
    }

    @Test
    void wellFormedTextIsAToken() {
        String text = "abcdefghijklmnopqrstuvwxyzAB-_09";
        assertThat(new InviteToken(text).value()).isEqualTo(text);
        assertThat(new InviteToken(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "short",
                "abcdefghijklmnopqrstuvwxyzAB-_0",
                "abcdefghijklmnopqrstuvwxyzAB-_099",
                "abcdefghijklmnopqrstuvwxyzAB+/09",
                "abcdefghijklmnopqrstuvwxyzAB-_0=",
                "abcdefghijklmnopqrstuvwxyzAB-_0 ",
                "abcdefghijklmnopqrstuvwxyzAB-_0\n",
                "äbcdefghijklmnopqrstuvwxyzAB-_09",
                "' OR 1=1 --aaaaaaaaaaaaaaaaaaaa"
            })
    void malformedTokenIsRefused(String text) {
        assertThat(InviteToken.isWellFormed(text)).isFalse();
        assertThatThrownBy(() -> new InviteToken(text))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_TOKEN_SHAPE));
    }

    @Test
    void everyCharacterIsJudgedAsTheAlphabetSays() {
        // the hand-written check against the alphabet written as a regular expression, for every
        // UTF-16 unit at the first, a middle and the last position
        String base = "abcdefghijklmnopqrstuvwxyzAB-_09";
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean inAlphabet = String.valueOf(c).matches("[A-Za-z0-9_-]");
            for (int at : new int[] {0, 15, 31}) {
                String text = base.substring(0, at) + c + base.substring(at + 1);
                assertThat(InviteToken.isWellFormed(text))
                        .as("U+%04X at %d", (int) c, at)
                        .isEqualTo(inAlphabet);
            }
        }
    }

    @Test
    void nullTokenIsRefused() {
        assertThat(InviteToken.isWellFormed(null)).isFalse();
        assertThatThrownBy(() -> new InviteToken(null))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_TOKEN_SHAPE));
    }
}
