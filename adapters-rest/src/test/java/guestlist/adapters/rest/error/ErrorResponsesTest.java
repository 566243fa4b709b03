package guestlist.adapters.rest.error;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.http.Json;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void theErrorBodyHasOnlyErrorAndMessage() {
        String json = new String(
                Json.write(new ErrorResponses.ErrorBody("not_found", "no \"such\" thing")),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"error\":\"not_found\",\"message\":\"no \\\"such\\\" thing\"}");
    }
}
