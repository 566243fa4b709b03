package guestlist.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationModeTest {

    @Test
    void wireNamesAreLemmys() {
        assertThat(RegistrationMode.OPEN.wireName()).isEqualTo("open");
        assertThat(RegistrationMode.REQUIRE_APPLICATION.wireName()).isEqualTo("require_application");
        assertThat(RegistrationMode.REQUIRE_INVITATION.wireName()).isEqualTo("require_invitation");
        assertThat(RegistrationMode.CLOSED.wireName()).isEqualTo("closed");
    }

    @ParameterizedTest
    @EnumSource(RegistrationMode.class)
    void wireNameRoundTrips(RegistrationMode mode) {
        assertThat(RegistrationMode.fromWireName(mode.wireName())).isEqualTo(mode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OPEN", "Open", "invite", "require-application", "RequireApplication", " open"})
    void unknownWireNameIsABadRequest(String wireName) {
        assertThatThrownBy(() -> RegistrationMode.fromWireName(wireName))
                .isInstanceOfSatisfying(Refusal.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.REGISTRATION_MODE_NAME));
    }

    @Test
    void nullWireNameIsABadRequest() {
        assertThatThrownBy(() -> RegistrationMode.fromWireName(null))
                .isInstanceOfSatisfying(Refusal.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.REGISTRATION_MODE_NAME));
    }
}
