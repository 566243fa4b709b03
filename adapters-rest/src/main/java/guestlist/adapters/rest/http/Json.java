package guestlist.adapters.rest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.error.RequestRefusal;
import guestlist.adapters.rest.json.Text;
import guestlist.adapters.rest.json.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The adapter's one Jackson configuration: snake_case names, absent values omitted; request bodies
 * bound into request records (see {@code Required}) with unknown fields ignored and no coercion
 * (no string to number or boolean, no number to string or boolean, no fraction to integer, no empty
 * string to null); and a parser that refuses what no client of this API sends (deep nesting, huge
 * numbers or names, duplicate fields, trailing content, comments, single quotes).
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_LENGTH = 30;
    public static final int MAX_NAME_LENGTH = 256;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfigDefaults(all -> all.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .addModule(new SimpleModule("guestlist-requests")
                    .addDeserializer(String.class, new Text())
                    .addDeserializer(Instant.class, new Timestamps.Rfc3339()))
            .build();

    private Json() {}

    /** The UTF-8 JSON of a response record. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * The request body bound into the record {@code type}; an empty body counts as {@code {}}. A
     * body that is not one well-formed JSON object in UTF-8 within the limits, or whose fields do
     * not fit, is a {@link RequestError#BAD_REQUEST} saying what is wrong and, where known, in which field.
     */
    public static <T> T read(byte[] body, Class<T> type) {
        try (JsonParser parser = MAPPER.createParser(body.length == 0 ? "{}" : utf8(body))) {
            try {
                T value = MAPPER.readValue(parser, type);
                if (value == null) {
                    throw badRequest("the request body must be a JSON object");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw refusal(e, parser);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading a string failed", impossible);
        }
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259 §8.1). Given bytes, Jackson would also read UTF-16 and
     * UTF-32, and let malformed UTF-8 through (overlong forms such as C0 AF for '/', encoded
     * surrogates), above all in the fields it skips: so the body is decoded strictly, once, and
     * Jackson reads that text. A leading byte order mark is skipped, as Jackson does with bytes.
     */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException malformed) {
            throw badRequest("the request body is not well-formed JSON in UTF-8");
        }
    }

    /** Sorts Jackson's failures by their type, and names the field by its JSON path; never reads their text. */
    private static RequestRefusal refusal(JsonProcessingException e, JsonParser parser) {
        RequestRefusal recordCheck = cause(e, RequestRefusal.class);
        if (recordCheck != null) {
            return recordCheck;
        }
        String field = e instanceof JsonMappingException mapping
                        && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(step ->
                                step.getFieldName() == null ? "[" + step.getIndex() + "]" : "." + step.getFieldName())
                        .collect(Collectors.joining())
                        .substring(1)
                : parser.getParsingContext().getCurrentName();
        String in = field == null ? "" : " in field " + field;
        if (cause(e, StreamConstraintsException.class) != null) {
            return badRequest(
                    parser.getParsingContext().getNestingDepth() > MAX_NESTING_DEPTH
                            ? "the request body is nested more than " + MAX_NESTING_DEPTH + " levels deep"
                            : "the request body holds a number of more than " + MAX_NUMBER_LENGTH
                                    + " characters or a field name of more than " + MAX_NAME_LENGTH + in);
        }
        InputCoercionException outOfRange = cause(e, InputCoercionException.class);
        if (outOfRange != null) {
            return badRequest(field + expected(outOfRange.getTargetType()));
        }
        StreamReadException syntax = cause(e, StreamReadException.class);
        if (syntax != null) {
            return badRequest("the request body is not well-formed JSON" + in
                    + (syntax.getLocation() == null
                            ? ""
                            : " (line " + syntax.getLocation().getLineNr() + ", column "
                                    + syntax.getLocation().getColumnNr() + ")"));
        }
        if (e instanceof Text.NotText) {
            return badRequest(field + " " + e.getOriginalMessage());
        }
        if (e instanceof InvalidNullException) {
            return badRequest(field + " is required");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return badRequest(
                    mismatch.getPath().isEmpty()
                            ? "the request body must be a JSON object, and nothing after it"
                            : field + expected(mismatch.getTargetType()));
        }
        throw new IllegalStateException("cannot bind a request body", e);
    }

    private static String expected(Class<?> type) {
        return type == String.class
                ? " must be a string"
                : type == Boolean.class || type == boolean.class
                        ? " must be true or false"
                        : type == Instant.class ? " must be " + Timestamps.Rfc3339.EXPECTED : " must be an integer";
    }

    private static <X> X cause(Throwable failure, Class<X> type) {
        for (Throwable each = failure; each != null; each = each.getCause()) {
            if (type.isInstance(each)) {
                return type.cast(each);
            }
        }
        return null;
    }

    private static RequestRefusal badRequest(String message) {
        return new RequestRefusal(RequestError.BAD_REQUEST, message);
    }
}
