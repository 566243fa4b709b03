package guestlist.adapters.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.domain.site.RegistrationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationModeJsonTest {

    @Test
    void wireNamesAreLemmys() {
        assertThat(RegistrationModeJson.name(RegistrationMode.OPEN)).isEqualTo("open");
        assertThat(RegistrationModeJson.name(RegistrationMode.REQUIRE_APPLICATION))
                .isEqualTo("require_application");
        assertThat(RegistrationModeJson.name(RegistrationMode.REQUIRE_INVITATION))
                .isEqualTo("require_invitation");
        assertThat(RegistrationModeJson.name(RegistrationMode.CLOSED)).isEqualTo("closed");
    }

    @ParameterizedTest
    @EnumSource(RegistrationMode.class)
    void wireNameRoundTrips(RegistrationMode mode) {
        assertThat(RegistrationModeJson.parse(RegistrationModeJson.name(mode))).isEqualTo(mode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OPEN", "Open", "invite", "require-application", "RequireApplication", " open"})
    void unknownWireNameIsABadRequest(String wireName) {
        assertThatThrownBy(() -> RegistrationModeJson.parse(wireName))
                .isInstanceOfSatisfying(
                        RequestRefusal.class, e -> assertThat(e.error()).isEqualTo(RequestError.BAD_REQUEST));
    }

    @Test
    void nullWireNameIsABadRequest() {
        assertThatThrownBy(() -> RegistrationModeJson.parse(null))
                .isInstanceOfSatisfying(
                        RequestRefusal.class, e -> assertThat(e.error()).isEqualTo(RequestError.BAD_REQUEST));
    }
}
