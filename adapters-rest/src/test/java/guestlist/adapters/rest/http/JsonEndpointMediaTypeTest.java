package guestlist.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonEndpointMediaTypeTest {

    @Test
    void jsonMediaTypesWithUtf8OrNoCharsetAreJson() {
        assertThat(JsonEndpoint.isJson("application/json")).isTrue();
        assertThat(JsonEndpoint.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(JsonEndpoint.isJson("APPLICATION/JSON;CHARSET=\"UTF-8\"")).isTrue();
        assertThat(JsonEndpoint.isJson(" application/json ; boundary=x")).isTrue();
    }

    @Test
    void otherMediaTypesAndCharsetsAreNot() {
        assertThat(JsonEndpoint.isJson(null)).isFalse();
        assertThat(JsonEndpoint.isJson("")).isFalse();
        assertThat(JsonEndpoint.isJson("text/json")).isFalse();
        assertThat(JsonEndpoint.isJson("application/json-patch+json")).isFalse();
        assertThat(JsonEndpoint.isJson("application/json; charset=utf-16")).isFalse();
        assertThat(JsonEndpoint.isJson("application/json; charset")).isFalse();
        assertThat(JsonEndpoint.isJson("multipart/form-data; boundary=x")).isFalse();
    }

    @Test
    void separatorsAloneAreNoMediaType() {
        // String.split drops trailing empty strings: ";".split(";") is empty, and [0] of it threw
        assertThat(JsonEndpoint.isJson(";")).isFalse();
        assertThat(JsonEndpoint.isJson(";;")).isFalse();
    }
}
