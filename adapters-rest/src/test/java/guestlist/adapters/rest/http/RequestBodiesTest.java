package guestlist.adapters.rest.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodiesTest {

    @Test
    void jsonMediaTypesWithUtf8OrNoCharsetAreJson() {
        assertThat(RequestBodies.isJson("application/json")).isTrue();
        assertThat(RequestBodies.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(RequestBodies.isJson("APPLICATION/JSON;CHARSET=\"UTF-8\"")).isTrue();
        assertThat(RequestBodies.isJson(" application/json ; boundary=x")).isTrue();
    }

    @Test
    void otherMediaTypesAndCharsetsAreNot() {
        assertThat(RequestBodies.isJson(null)).isFalse();
        assertThat(RequestBodies.isJson("")).isFalse();
        assertThat(RequestBodies.isJson("text/json")).isFalse();
        assertThat(RequestBodies.isJson("application/json-patch+json")).isFalse();
        assertThat(RequestBodies.isJson("application/json; charset=utf-16")).isFalse();
        assertThat(RequestBodies.isJson("application/json; charset")).isFalse();
        assertThat(RequestBodies.isJson("multipart/form-data; boundary=x")).isFalse();
    }
}
