package guestlist.adapters.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * How every string field of a request is read: a JSON string and nothing else, holding Unicode
 * text. A NUL is refused, and so is an unpaired surrogate: {@code "\ud800"} is valid JSON syntax but
 * no Unicode text, which storage would turn into "?" and the password hasher cannot encode.
 */
public final class Text extends StdScalarDeserializer<String> {

    public Text() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        String text = p.getText();
        if (text.indexOf('\0') >= 0) {
            throw new NotText(p, "must not contain NUL characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i))
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(text.charAt(i))) {
                throw new NotText(p, "must be Unicode text (it holds an unpaired surrogate escape)");
            }
        }
        return text;
    }

    /** A JSON string that is no text; its message completes "{field} ...", Jackson adds the field's path. */
    public static final class NotText extends JsonMappingException {

        NotText(JsonParser p, String reason) {
            super(p, reason);
        }
    }
}
