package guestlist.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b.co",
                "alice@example.org",
                "Alice.Smith+tag@Mail.Example.ORG",
                "o'neil@example.ie",
                "x_y-z@sub-domain.example.com",
                "123@456.net"
            })
    void usualShapesAreAccepted(String address) {
        assertThat(new EmailAddress(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "@example.org",
                "alice@",
                "alice@localhost",
                "alice@@example.org",
                "ali ce@example.org",
                "alice@exa mple.org",
                "alice@-example.org",
                "alice@example-.org",
                "alice@example..org",
                "alice@.example.org",
                "alice@example.org.",
                "alice@example.org\n",
                "alice\u0000@example.org",
                "ålice@example.org",
                "a,b@example.org"
            })
    void otherShapesAreRefused(String address) {
        assertRefused(address);
    }

    @Test
    void nullIsRefused() {
        assertRefused(null);
    }

    @Test
    void localPartOf64IsAcceptedAnd65Refused() {
        assertThat(new EmailAddress("a".repeat(64) + "@example.org").value()).startsWith("a".repeat(64));
        assertRefused("a".repeat(65) + "@example.org");
    }

    @Test
    void twoHundredFiftyFourCharactersAreTheMost() {
        String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(address).hasSize(254);
        assertThat(new EmailAddress(address).value()).isEqualTo(address);
    }

    @Test
    void twoHundredFiftyFiveCharactersAreRefused() {
        String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
        assertThat(address).hasSize(255);
        assertRefused(address);
    }

    @Test
    void canonicalFormIgnoresCase() {
        assertThat(new EmailAddress("Alice@Example.ORG").canonical()).isEqualTo("alice@example.org");
    }

    private static void assertRefused(String address) {
        assertThatThrownBy(() -> new EmailAddress(address))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.EMAIL_ADDRESS_SHAPE));
    }
}
