package guestlist.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3.1 document ({@code GET /api/v4/openapi.json}) as the contract every answer a
 * test receives is held to: {@link HttpApi} and {@link RawClient} check each answer of the API
 * against it, so no test can receive an answer the document does not describe without failing.
 *
 * <p>An answer is checked against the operation of its method and path (path templates, if any,
 * resolved; the query string set aside), or, for a path no operation has, against the document's
 * {@code x-guestlist-unknown-path} answers, and for a known path asked with another method against
 * {@code x-guestlist-unknown-method}: its status must be one the document lists there (an unknown
 * pair of route and status fails), the headers the document requires must be present and fit their
 * schema, and the JSON body must fit the answer's schema (JSON Schema 2020-12 in OpenAPI 3.1's
 * dialect, by networknt's json-schema-validator, with format assertions on).
 *
 * <p>A request the server accepted (a 2xx) is also held to the document: its documented query
 * parameters and its JSON body must fit the operation's parameters and request body. So the
 * document cannot describe a narrower request than the server takes.
 *
 * <p>The document is read from the class path ({@link #RESOURCE}, the REST adapter's resource that
 * the server serves as it is), so every module whose tests talk to the API has it.
 */
public final class ApiContract {

    /** Where the REST adapter keeps the document on the class path. */
    public static final String RESOURCE = "guestlist/adapters/rest/openapi.json";

    /** The name under which the validator knows the document; it is never fetched. */
    static final String DOCUMENT_IRI = "https://guestlist.invalid/api/v4/openapi.json";

    static final String UNKNOWN_PATH = "x-guestlist-unknown-path";
    static final String UNKNOWN_METHOD = "x-guestlist-unknown-method";

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private static final AtomicLong ANSWERS_CHECKED = new AtomicLong();

    private final JsonNode document;
    private final String basePath;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private ApiContract(JsonNode document) {
        this.document = document;
        this.basePath = document.path("servers").path(0).path("url").asText("");
        if (!basePath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "the document's first server must be a path such as /api/v4, not '" + basePath + "'");
        }
        String text = document.toString();
        this.registry = SchemaRegistry.withDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, text))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    /** How many answers this test JVM held to a document with {@link #checkAnswer}. */
    public static long answersChecked() {
        return ANSWERS_CHECKED.get();
    }

    /** The contract of the document on the class path, read once. */
    public static ApiContract shared() {
        return Shared.CONTRACT;
    }

    /** The contract of {@code document}: for tests of the contract itself, with documents they changed. */
    public static ApiContract of(JsonNode document) {
        return new ApiContract(document);
    }

    /** The document on the class path, as JSON. */
    public static JsonNode readDocument() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the class path:"
                        + " a module whose tests talk to the API depends on the REST adapter");
            }
            return HttpApi.JSON.readTree(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** The API's base path, e.g. {@code /api/v4}: the document describes what is under it. */
    public String basePath() {
        return basePath;
    }

    /** Whether a request target (path and query, e.g. {@code /api/v4/site?x=1}) is under the base path. */
    public boolean covers(String target) {
        String path = pathOf(target);
        return path.equals(basePath) || path.startsWith(basePath + "/");
    }

    /**
     * Fails, naming every problem, unless the document allows this answer to {@code method} on
     * {@code target}.
     *
     * @param header the answer's header of a name (any case), if present
     * @param body the answer's body as JSON
     */
    public void checkAnswer(
            String method, String target, int status, Function<String, Optional<String>> header, JsonNode body) {
        List<String> problems = answerProblems(method, target, status, header, body);
        ANSWERS_CHECKED.incrementAndGet();
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + target + " was answered " + status + " " + shorten(body.toString())
                    + ", which the OpenAPI document " + RESOURCE + " does not allow: " + String.join("; ", problems));
        }
    }

    /**
     * Fails, naming every problem, when a request that the server accepted does not fit the
     * document's parameters and request body of its operation.
     *
     * @param body the body as sent, or empty when it is not known (nor checked)
     */
    public void checkAcceptedRequest(String method, String target, Optional<byte[]> body) {
        List<String> problems = acceptedRequestProblems(method, target, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + shorten(target) + " was accepted, but the OpenAPI document "
                    + RESOURCE + " does not describe such a request: " + String.join("; ", problems));
        }
    }

    /** What is wrong with this answer as the document sees it; empty when nothing is. */
    public List<String> answerProblems(
            String method, String target, int status, Function<String, Optional<String>> header, JsonNode body) {
        Route route = route(method, target);
        List<String> problems = new ArrayList<>();
        JsonNode responses = route.node().path("responses");
        String statusKey = String.valueOf(status);
        String key = responses.has(statusKey)
                ? statusKey
                : responses.has(statusKey.charAt(0) + "XX")
                        ? statusKey.charAt(0) + "XX"
                        : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> listed = new ArrayList<>();
            responses.fieldNames().forEachRemaining(listed::add);
            problems.add("status " + status + " is no answer of " + route.describe() + " (it lists " + listed + ")");
            return problems;
        }
        String responsePointer = resolve(route.pointer() + "/responses/" + escape(key));
        JsonNode response = at(responsePointer);
        for (Iterator<Map.Entry<String, JsonNode>> headers =
                        response.path("headers").fields();
                headers.hasNext(); ) {
            Map.Entry<String, JsonNode> declared = headers.next();
            Optional<String> value = header.apply(declared.getKey());
            String headerPointer = resolve(responsePointer + "/headers/" + escape(declared.getKey()));
            if (value.isEmpty()) {
                if (at(headerPointer).path("required").asBoolean(false)) {
                    problems.add("the header " + declared.getKey() + " is missing");
                }
                continue;
            }
            JsonNode headerSchema = at(headerPointer + "/schema");
            if (!headerSchema.isMissingNode()) {
                JsonNode typed = typed(value.get(), headerSchema);
                for (Error error : schema(headerPointer + "/schema").validate(typed)) {
                    problems.add("the header " + declared.getKey() + ": " + value.get() + ": " + error.getMessage());
                }
            }
        }
        String schemaPointer = responsePointer + "/content/application~1json/schema";
        if (at(schemaPointer).isMissingNode()) {
            problems.add(route.describe() + " answers " + key + " without a JSON body in the document");
            return problems;
        }
        for (Error error : schema(schemaPointer).validate(body)) {
            problems.add(error.toString());
        }
        return problems;
    }

    /** What is wrong with an accepted request as the document sees it; empty when nothing is. */
    public List<String> acceptedRequestProblems(String method, String target, Optional<byte[]> body) {
        Route route = route(method, target);
        if (!route.operation()) {
            return List.of(route.describe() + " accepted a request");
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> query = query(target);
        JsonNode parameters = route.node().path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            String parameterPointer = resolve(route.pointer() + "/parameters/" + i);
            JsonNode parameter = at(parameterPointer);
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            List<String> values = query.getOrDefault(name, List.of());
            if (values.isEmpty()) {
                if (parameter.path("required").asBoolean(false)) {
                    problems.add("the required query parameter " + name + " is missing");
                }
                continue;
            }
            if (values.size() > 1) {
                problems.add("the query parameter " + name + " is given " + values.size() + " times");
                continue;
            }
            JsonNode typed = typed(values.get(0), at(parameterPointer + "/schema"));
            for (Error error : schema(parameterPointer + "/schema").validate(typed)) {
                problems.add("the query parameter " + name + "=" + shorten(values.get(0)) + ": " + error.getMessage());
            }
        }
        String bodyPointer = route.pointer() + "/requestBody";
        if (body.isPresent() && !at(bodyPointer).isMissingNode()) {
            String schemaPointer = resolve(bodyPointer) + "/content/application~1json/schema";
            byte[] bytes = body.get();
            JsonNode json;
            try {
                // read as the server reads it: the UTF-8 text, then the JSON in it (Jackson's byte parser
                // refuses escaped lone surrogates in names, which the server takes in fields it ignores)
                json = bytes.length == 0
                        ? JsonNodeFactory.instance.objectNode()
                        : HttpApi.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException notJson) {
                json = null;
            }
            if (json == null || json.isMissingNode()) {
                problems.add("the body is no JSON: " + shorten(new String(bytes, StandardCharsets.UTF_8)));
            } else {
                for (Error error : schema(schemaPointer).validate(json)) {
                    problems.add("the body: " + error);
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- routes

    /**
     * What the document says about a method on a path: an operation, or the answers for an unknown
     * path or method; {@code pointer} is its JSON pointer in the document.
     */
    private record Route(String pointer, JsonNode node, boolean operation, String describe) {}

    private Route route(String method, String target) {
        if (!covers(target)) {
            throw new IllegalArgumentException(target + " is not under " + basePath);
        }
        String relative = pathOf(target).substring(basePath.length());
        String verb = method.toLowerCase(Locale.ROOT);
        Optional<String> template = pathTemplate(relative);
        if (template.isEmpty()) {
            return new Route(
                    "/" + UNKNOWN_PATH,
                    document.path(UNKNOWN_PATH),
                    false,
                    method + " " + relative + " (no such path: " + UNKNOWN_PATH + ")");
        }
        String pathPointer = "/paths/" + escape(template.get());
        JsonNode operation = document.path("paths").path(template.get()).path(verb);
        if (operation.isMissingNode()) {
            return new Route(
                    "/" + UNKNOWN_METHOD,
                    document.path(UNKNOWN_METHOD),
                    false,
                    method + " " + relative + " (no such method on the path: " + UNKNOWN_METHOD + ")");
        }
        return new Route(pathPointer + "/" + verb, operation, true, method + " " + template.get());
    }

    /** The document's path that {@code path} is, exactly or by filling in its {@code {templates}}. */
    private Optional<String> pathTemplate(String path) {
        JsonNode paths = document.path("paths");
        if (paths.has(path)) {
            return Optional.of(path);
        }
        String[] segments = path.split("/", -1);
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String[] pattern = name.split("/", -1);
            if (pattern.length != segments.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < pattern.length && matches; i++) {
                boolean variable = pattern[i].startsWith("{") && pattern[i].endsWith("}");
                matches = variable ? !segments[i].isEmpty() : pattern[i].equals(segments[i]);
            }
            if (matches) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- the document

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    /** The pointer itself, or where its {@code $ref} (to this document) leads, followed to the end. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = at(current);
            JsonNode ref = node.path("$ref");
            if (!ref.isTextual()) {
                return current;
            }
            if (!ref.asText().startsWith("#/")) {
                throw new IllegalStateException("only references into the document itself are followed: " + ref);
            }
            current = ref.asText().substring(1);
        }
        throw new IllegalStateException("references loop at " + pointer);
    }

    private Schema schema(String pointer) {
        return compiled.computeIfAbsent(
                pointer, at -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + fragment(at))));
    }

    /**
     * A parameter's or header's text as the JSON value its schema speaks of: an integer or a
     * boolean where the schema wants one and the text is one, else the text (which the schema then
     * refuses).
     */
    private JsonNode typed(String text, JsonNode schema) {
        JsonNode type = schema.path("type");
        if (schema.has("$ref")) {
            type = at(resolve(schema.path("$ref").asText().substring(1))).path("type");
        }
        String wanted = type.asText("");
        if (wanted.equals("integer") && INTEGER.matcher(text).matches()) {
            return BigIntegerNode.valueOf(new BigInteger(text));
        }
        if (wanted.equals("boolean") && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        return TextNode.valueOf(text);
    }

    // ---------------------------------------------------------------- text

    static String pathOf(String target) {
        int end = target.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = target.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return target.substring(0, end);
    }

    /**
     * The query's parameters, decoded as a server decodes them ({@code +} is a blank); one whose
     * escapes are broken is left out (no server accepts it).
     */
    static Map<String, List<String>> query(String target) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        int start = target.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        int end = target.indexOf('#', start);
        String query = target.substring(start + 1, end < 0 ? target.length() : end);
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException brokenEscape) {
                // not a parameter anyone decodes
            }
        }
        return parameters;
    }

    /** A JSON pointer's reference token: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment: what a fragment may not hold, percent-encoded. */
    static String fragment(String pointer) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0;
            encoded.append(plain ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static String shorten(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "… (" + text.length() + " characters)" : text;
    }

    /** The contract of the class path's document, made when first asked for. */
    private static final class Shared {
        static final ApiContract CONTRACT = new ApiContract(readDocument());
    }
}
