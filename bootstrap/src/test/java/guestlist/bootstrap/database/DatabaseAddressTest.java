package guestlist.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The host and port a start-up failure names, read from the URL as the driver reads it. */
class DatabaseAddressTest {

    @Test
    void hostsAndPortsAreReadWithPostgresDefaults() {
        assertThat(DatabaseAddress.of("jdbc:postgresql://db.example:6432/guestlist?sslmode=require"))
                .isEqualTo("db.example:6432");
        assertThat(DatabaseAddress.of("jdbc:postgresql://db.example/guestlist")).isEqualTo("db.example:5432");
        assertThat(DatabaseAddress.of("jdbc:postgresql:///guestlist")).isEqualTo("localhost:5432");
        assertThat(DatabaseAddress.of("jdbc:postgresql://[::1]:5433/x")).isEqualTo("[::1]:5433");
        assertThat(DatabaseAddress.of("jdbc:postgresql://a:1,b/x")).isEqualTo("a:1,b:5432");
    }

    @Test
    void theParametersWhichMayHoldAPasswordAreNeverPartOfIt() {
        assertThat(DatabaseAddress.of("jdbc:postgresql://db:5432?user=u&password=hunter2hunter2"))
                .isEqualTo("db:5432");
    }

    @Test
    void whatCannotBeReadIsSaidWithoutRepeatingTheUrl() {
        assertThatThrownBy(() -> DatabaseAddress.of("jdbc:postgresql://db:99999/x"))
                .hasMessage("a port must be a number from 1 to 65535");
        assertThatThrownBy(() -> DatabaseAddress.of("jdbc:postgresql://db:port/x"))
                .hasMessage("a port must be a number from 1 to 65535");
        assertThatThrownBy(() -> DatabaseAddress.of("jdbc:postgresql://[::1/x")).hasMessageContaining("']'");
        assertThatThrownBy(() -> DatabaseAddress.of("jdbc:postgresql://a,,b/x")).hasMessage("a host is empty");
        assertThatThrownBy(() -> DatabaseAddress.of("jdbc:mysql://db/x")).hasMessageContaining("jdbc:postgresql://");
    }
}
