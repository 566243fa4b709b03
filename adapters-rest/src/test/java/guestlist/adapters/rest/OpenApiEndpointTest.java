package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.adapters.rest.handler.OpenApiDocumentHandler;
import guestlist.testsupport.ApiContract;
import guestlist.testsupport.HttpApi.Answer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiEndpointTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void servesTheDocumentAsWrittenToAnyone() {
        Answer reply = api.get("/openapi.json", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        assertThat(reply.text()).isEqualTo(OpenApiDocumentHandler.read());
        assertThat(reply.body()).isEqualTo(ApiContract.readDocument());
        assertThat(reply.body().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void aSessionTokenIsIgnored() {
        assertThat(api.get("/openapi.json", api.adminToken).text()).isEqualTo(OpenApiDocumentHandler.read());
        assertThat(api.get("/openapi.json", "no-such-session").status()).isEqualTo(200);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        Answer reply = api.exchange(
                HttpRequest.newBuilder(api.uri("/openapi.json")).method("POST", HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.error()).isEqualTo("method_not_allowed");
        assertThat(reply.header("Allow")).hasValue("GET");
    }
}
