package guestlist.adapters.rest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The adapter's one Jackson configuration: snake_case names, absent values omitted, and a parser
 * that refuses what no client of this API sends (deep nesting, huge numbers or strings, duplicate
 * fields, trailing content, comments, single quotes).
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    public static final int MAX_NUMBER_LENGTH = 30;
    public static final int MAX_NAME_LENGTH = 256;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                    JsonInclude.Include.USE_DEFAULTS))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /** The UTF-8 JSON of a response record. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * The JSON object of a request body; an empty body counts as {@code {}}. Anything else that is
     * not one well-formed JSON object within the limits is a {@link RequestError#BAD_REQUEST} saying
     * what is wrong and, where the parser knows it, in which field.
     */
    public static ObjectNode readObject(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        if (notUtf8(body)) {
            throw badRequest("the request body is not well-formed JSON in UTF-8");
        }
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(body);
            root = MAPPER.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw badRequest(limitBroken(e) + where(parser));
        } catch (JsonProcessingException e) {
            throw badRequest("the request body is not well-formed JSON" + where(parser)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(parser);
        }
        if (root == null || !root.isObject()) {
            throw badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259 §8.1). Jackson also reads UTF-16 and UTF-32, which it
     * recognizes by their zero bytes (a zero byte never occurs in a JSON text in UTF-8), and its UTF-8
     * decoder lets some malformed sequences through (overlong forms such as C0 AF for '/'): the body
     * is checked strictly first.
     */
    private static boolean notUtf8(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return false;
        } catch (CharacterCodingException malformed) {
            return true;
        }
    }

    private static String limitBroken(StreamConstraintsException e) {
        String detail = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (detail.contains("nesting depth")) {
            return "the request body is nested more than " + MAX_NESTING_DEPTH + " levels deep";
        }
        if (detail.contains("number")) {
            return "a number in the request body has more than " + MAX_NUMBER_LENGTH + " characters";
        }
        if (detail.contains("name")) {
            return "a field name in the request body has more than " + MAX_NAME_LENGTH + " characters";
        }
        if (detail.contains("string")) {
            return "a string in the request body has more than " + MAX_STRING_LENGTH + " characters";
        }
        return "the request body exceeds a JSON limit";
    }

    /** " in field x" when the parser stopped inside a named field. */
    private static String where(JsonParser parser) {
        if (parser == null) {
            return "";
        }
        try {
            String field = parser.currentName();
            return field == null ? "" : " in field " + field;
        } catch (RuntimeException | IOException ignored) {
            return "";
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // a parser over a byte array holds nothing to release
            }
        }
    }

    private static RequestRefusal badRequest(String message) {
        return new RequestRefusal(RequestError.BAD_REQUEST, message);
    }
}
