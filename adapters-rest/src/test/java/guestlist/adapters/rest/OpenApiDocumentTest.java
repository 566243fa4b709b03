package guestlist.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import guestlist.adapters.rest.error.ErrorTable;
import guestlist.adapters.rest.error.ErrorTable.WireError;
import guestlist.adapters.rest.error.RequestError;
import guestlist.adapters.rest.http.Bulkhead;
import guestlist.adapters.rest.http.ClientAddress;
import guestlist.adapters.rest.http.InMemoryRateLimitStore;
import guestlist.adapters.rest.http.Limits;
import guestlist.adapters.rest.http.RateLimiter;
import guestlist.adapters.rest.http.TrustedProxies;
import guestlist.application.inmemory.InMemoryApplication;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.domain.Rule;
import guestlist.testsupport.ApiContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document ({@code src/main/resources/guestlist/adapters/rest/openapi.json}) is a valid
 * OpenAPI 3.1 document, has exactly the routes the server routes, lists only error codes the
 * server gives with their statuses and every code the server can give, and lists on every
 * operation the answers that every endpoint of its kind can give. What each answer looks like is
 * held to it by every test that talks to the API (see {@link ApiContract}).
 */
class OpenApiDocumentTest {

    private static final String OAS_31 = "https://spec.openapis.org/oas/3.1";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static final JsonNode DOCUMENT = ApiContract.readDocument();

    /**
     * The official OpenAPI 3.1 schema (with the dialect of its Schema Objects: schema-base, which
     * also checks every schema of the document against JSON Schema 2020-12), as the OpenAPI
     * Initiative publishes it at spec.openapis.org; the test class path carries the four documents
     * as vertx-openapi's jar ships them, so nothing is fetched.
     */
    private static List<Error> officialSchemaErrors(JsonNode document) {
        Schema schema = SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemaIdResolvers(
                                resolvers -> resolvers.mapPrefix(OAS_31, "classpath:spec.openapis.org/oas/3.1")))
                .getSchema(SchemaLocation.of(OAS_31 + "/schema-base/2022-10-07"));
        return schema.validate(document);
    }

    @Test
    void isAValidOpenApi31DocumentByTheOfficialSchema() {
        assertThat(DOCUMENT.path("openapi").asText()).startsWith("3.1.");
        assertThat(officialSchemaErrors(DOCUMENT)).isEmpty();
    }

    @Test
    void theOfficialSchemaCheckFindsABrokenDocument() {
        ObjectNode noInfo = DOCUMENT.deepCopy();
        noInfo.remove("info");
        assertThat(officialSchemaErrors(noInfo)).as("no info").isNotEmpty();

        ObjectNode answerWithoutDescription = DOCUMENT.deepCopy();
        ((ObjectNode) answerWithoutDescription.at("/paths/~1site/get/responses/200")).remove("description");
        assertThat(officialSchemaErrors(answerWithoutDescription))
                .as("an answer without description")
                .isNotEmpty();

        ObjectNode badSchema = DOCUMENT.deepCopy();
        ((ObjectNode) badSchema.at("/components/schemas/Person")).put("required", "id");
        assertThat(officialSchemaErrors(badSchema))
                .as("a schema that is no JSON Schema")
                .isNotEmpty();
    }

    @Test
    void documentsExactlyTheRoutesTheServerRoutes() {
        Map<String, Set<String>> routed = routes();
        Map<String, Set<String>> documented = new TreeMap<>();
        String base = ApiContract.shared().basePath();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> {
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (METHODS.contains(name)) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            });
            documented.put(base + path.getKey(), methods);
        });

        assertThat(routed)
                .as("every route is documented, every documented operation routed")
                .isEqualTo(documented);
        assertThat(routed.values().stream().mapToInt(Set::size).sum()).isEqualTo(24);
        assertThat(routed).containsEntry("/api/v4/openapi.json", Set.of("GET"));
    }

    @Test
    void listsEveryErrorCodeTheServerGives() {
        Set<String> documented =
                documentedErrors().stream().map(DocumentedError::code).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).containsAll(serverErrors().keySet());
    }

    @Test
    void listsOnlyErrorCodesTheServerGivesWithTheirStatus() {
        Map<String, Integer> server = serverErrors();
        List<DocumentedError> documented = documentedErrors();
        assertThat(documented).hasSizeGreaterThan(100);
        for (DocumentedError error : documented) {
            assertThat(server)
                    .as("%s lists %s under %d", error.where(), error.code(), error.status())
                    .containsEntry(error.code(), error.status());
        }
    }

    @Test
    void everyOperationListsTheAnswersEveryEndpointOfItsKindCanGive() {
        List<String> missing = new ArrayList<>();
        forEachOperation((where, operation) -> {
            Set<String> expected = new TreeSet<>(
                    List.of("400 bad_request", "413 payload_too_large", "500 unknown", "503 service_unavailable"));
            if (operation.has("requestBody")) {
                expected.add("415 unsupported_media_type");
            }
            if (!operation.path("security").isEmpty()) {
                expected.add("401 not_logged_in");
                expected.add("403 site_ban");
            }
            Set<String> listed = errorsOf(where, operation.path("responses")).stream()
                    .map(error -> error.status() + " " + error.code())
                    .collect(Collectors.toSet());
            expected.stream()
                    .filter(answer -> !listed.contains(answer))
                    .forEach(answer -> missing.add(where + " lacks " + answer));
            if (!operation.path("responses").has("200")) {
                missing.add(where + " lacks its 200");
            }
        });
        assertThat(missing).isEmpty();
    }

    /**
     * With both rate limits at one request a minute, three requests to each operation: those that
     * get a 429 (the answers are held to the document as always) are exactly those whose document
     * lists it.
     */
    @Test
    void exactlyTheRateLimitedOperationsListTooManyRequests() {
        List<String> limited = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        forEachOperation((where, operation) -> {
            if (operation.path("responses").has("429")) {
                documented.add(where);
            }
            String method = where.substring(0, where.indexOf(' '));
            String path = where.substring(where.indexOf(' ') + 1);
            try (TestApi api = TestApi.start(TestApi.settings(1, 1))) {
                boolean refused = false;
                for (int i = 0; i < 3; i++) {
                    refused |= api.send(method, path, "{}", null).status() == 429;
                }
                if (refused) {
                    limited.add(where);
                }
            }
        });
        assertThat(limited)
                .containsExactlyInAnyOrder(
                        "POST /account/auth/register",
                        "POST /account/auth/login",
                        "PUT /account/auth/change_password",
                        "GET /account/invite/validity")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void answersToUnknownPathsAndMethodsAreDocumented() {
        assertThat(errorsOf("unknown path", DOCUMENT.at("/x-guestlist-unknown-path/responses")))
                .extracting(DocumentedError::code)
                .contains("not_found")
                .doesNotContain("method_not_allowed");
        assertThat(errorsOf("unknown method", DOCUMENT.at("/x-guestlist-unknown-method/responses")))
                .extracting(DocumentedError::code)
                .contains("method_not_allowed")
                .doesNotContain("not_found");
    }

    @Test
    void everyOperationHasItsOwnIdAndASummary() {
        Set<String> ids = new TreeSet<>();
        forEachOperation((where, operation) -> {
            assertThat(ids.add(operation.path("operationId").asText()))
                    .as("%s has a unique operationId", where)
                    .isTrue();
            assertThat(operation.path("summary").asText()).as("%s", where).isNotBlank();
        });
        // Lemmy's names for Lemmy's calls, as lemmy-js-client calls them
        assertThat(ids)
                .contains(
                        "register",
                        "login",
                        "logout",
                        "getSite",
                        "editSite",
                        "getMyUser",
                        "createRegistrationInvitation",
                        "listRegistrationInvitations",
                        "revokeRegistrationInvitation",
                        "listRegistrationApplications",
                        "approveRegistrationApplication",
                        "getRegistrationApplication",
                        "adminListUsers",
                        "banPerson",
                        "changePassword");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Set<String>> routes() {
        RateLimiter off =
                new RateLimiter("off", 0, new InMemoryRateLimitStore(), new ClientAddress(TrustedProxies.NONE), 1_000);
        return Routes.declare(
                        TestApi.settings(0, 0),
                        new InMemoryApplication().useCases(),
                        TestApi.VERSION,
                        Limits.DEFAULTS,
                        off,
                        off,
                        new Bulkhead("hash-bound", Bulkhead.Settings.forHashing(1)))
                .endpoints();
    }

    /** Every code the server answers with, and its status: what the ErrorTable gives any refusal. */
    private static Map<String, Integer> serverErrors() {
        Map<String, Integer> codes = new TreeMap<>();
        Stream.of(
                        Arrays.stream(Rule.values()).map(ErrorTable::of),
                        Arrays.stream(UseCaseFailure.Reason.values()).map(ErrorTable::of),
                        Arrays.stream(RequestError.values()).map(ErrorTable::of))
                .flatMap(each -> each)
                .forEach(error -> codes.put(error.code(), error.status()));
        WireError unavailable = ErrorTable.of(RequestError.SERVICE_UNAVAILABLE);
        codes.put(unavailable.code(), unavailable.status());
        return codes;
    }

    /** A code a part of the document lists under a status. */
    private record DocumentedError(String where, int status, String code) {}

    private static List<DocumentedError> documentedErrors() {
        List<DocumentedError> all = new ArrayList<>();
        forEachOperation((where, operation) -> all.addAll(errorsOf(where, operation.path("responses"))));
        all.addAll(errorsOf("unknown path", DOCUMENT.at("/x-guestlist-unknown-path/responses")));
        all.addAll(errorsOf("unknown method", DOCUMENT.at("/x-guestlist-unknown-method/responses")));
        return all;
    }

    /** The codes listed under every status of 400 and up of {@code responses}, references followed. */
    private static List<DocumentedError> errorsOf(String where, JsonNode responses) {
        List<DocumentedError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            int status = Integer.parseInt(response.getKey());
            if (status < 400) {
                continue;
            }
            JsonNode schema = resolved(resolved(response.getValue())
                    .path("content")
                    .path("application/json")
                    .path("schema"));
            assertThat(schema.path("$ref").asText())
                    .as("%s %d is the error envelope", where, status)
                    .isEqualTo("#/components/schemas/Error");
            JsonNode codes = schema.at("/properties/error/enum");
            assertThat(codes.isArray() && !codes.isEmpty())
                    .as("%s %d lists its codes", where, status)
                    .isTrue();
            codes.forEach(code -> errors.add(new DocumentedError(where, status, code.asText())));
        }
        return errors;
    }

    private static JsonNode resolved(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref") && current.path("$ref").asText().startsWith("#/components/responses/")) {
            current = DOCUMENT.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    private interface OperationVisitor {
        void visit(String where, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        DOCUMENT.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        visitor.visit(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                operation.getValue());
                    }
                }));
    }
}
