package guestlist.bootstrap.hostile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON text written by hand, so that tests can send what a JSON library would refuse to write: a
 * lone surrogate ({@code "\ud800"} is valid JSON syntax), numbers of any size, raw fragments.
 */
final class Json {

    private Json() {}

    /** A JSON string; everything outside printable ASCII is written as a {@code \\uXXXX} escape. */
    static String str(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A JSON object of fields whose values are JSON text already. */
    static String obj(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> str(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * {@code fields("a", "1", "b", str("x"))}: a mutable map of names to JSON text, in the order
     * given (a {@link LinkedHashMap}).
     */
    static Map<String, String> fields(String... namesAndJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndJson.length; i += 2) {
            fields.put(namesAndJson[i], namesAndJson[i + 1]);
        }
        return fields;
    }

    /** {@code depth} nested arrays, or objects {@code {"a":...}}, around {@code 1}. */
    static String nested(int depth, boolean objects) {
        return objects
                ? "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)
                : "[".repeat(depth) + "1" + "]".repeat(depth);
    }
}
