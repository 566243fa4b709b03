package guestlist.adapters.rest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a JSON request body, read by name with their JSON types checked. A field that is
 * missing or {@code null} is absent; fields nobody asks for are ignored. Every refusal is a
 * {@link RequestError#BAD_REQUEST} whose message names the field.
 */
public final class JsonBody {

    private final ObjectNode root;

    JsonBody(ObjectNode root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public static JsonBody parse(byte[] body) {
        return new JsonBody(Json.readObject(body));
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalString(String field) {
        return present(field).map(node -> {
            if (!node.isTextual()) {
                throw badRequest(field + " must be a string");
            }
            String text = node.textValue();
            if (text.indexOf('\0') >= 0) {
                throw badRequest(field + " must not contain NUL characters");
            }
            if (hasUnpairedSurrogate(text)) {
                // "\ud800" is valid JSON syntax but no Unicode text: storage would turn it into "?", and
                // the password hasher cannot encode it
                throw badRequest(field + " must be Unicode text (it holds an unpaired surrogate escape)");
            }
            return text;
        });
    }

    public boolean requiredBoolean(String field) {
        return optionalBoolean(field).orElseThrow(() -> missing(field));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        return present(field).map(node -> {
            if (!node.isBoolean()) {
                throw badRequest(field + " must be true or false");
            }
            return node.booleanValue();
        });
    }

    /** A JSON integer (no fraction, no exponent, not a string) within {@code min..max}. */
    public Optional<Integer> optionalInt(String field, int min, int max) {
        return optionalLong(field, min, max).map(Math::toIntExact);
    }

    public long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max).orElseThrow(() -> missing(field));
    }

    public Optional<Long> optionalLong(String field, long min, long max) {
        return present(field).map(node -> {
            String expected = field + " must be an integer between " + min + " and " + max;
            if (!node.isIntegralNumber()) {
                throw badRequest(expected);
            }
            BigInteger value = node.bigIntegerValue();
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw badRequest(expected);
            }
            return value.longValueExact();
        });
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private Optional<JsonNode> present(String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    private static RequestRefusal missing(String field) {
        return badRequest(field + " is required");
    }

    private static RequestRefusal badRequest(String message) {
        return new RequestRefusal(RequestError.BAD_REQUEST, message);
    }
}
