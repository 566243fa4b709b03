package guestlist.adapters.rest.handler;

import com.fasterxml.jackson.databind.util.RawValue;
import guestlist.adapters.rest.http.ApiHandler;
import guestlist.adapters.rest.http.ApiRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json} (no log-in): the API's OpenAPI 3.1 document, the resource {@link #RESOURCE}
 * as written, byte for byte. It is read once, when the handler is made, so a jar without it does not
 * start.
 */
public final class OpenApiDocumentHandler implements ApiHandler {

    /** Where the document lives on the class path. */
    public static final String RESOURCE = "guestlist/adapters/rest/openapi.json";

    private final RawValue document;

    public OpenApiDocumentHandler() {
        this.document = new RawValue(read());
    }

    @Override
    public RawValue handle(ApiRequest request) {
        return document;
    }

    /** The document's text. */
    public static String read() {
        try (InputStream in = OpenApiDocumentHandler.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, unreadable);
        }
    }
}
