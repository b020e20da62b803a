package io.scimbridge.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.auth.ProtectedApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hand-written {@code openapi.yaml} (project root) honest against the application:
 * the (path, method) pairs under /scim/v2 and /admin must be exactly those that the running
 * application's generated document ({@code /q/openapi}, smallrye-openapi scanning the JAX-RS
 * classes) lists, and every documented operation must say how it answers and whether it needs
 * the bearer token, as {@link ProtectedApi} decides.
 *
 * <p>Only the application under test is contacted (RestAssured's default, the Quarkus test port
 * on localhost). Resources declared under src/test/java (auth probes) are served in tests only
 * and are left out; the generated operationIds name the declaring class for that
 * ({@code %test.quarkus.smallrye-openapi.operation-id-strategy} in application.properties).
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path DOCUMENT = Path.of("openapi.yaml");
    private static final Path TEST_SOURCES = Path.of("src", "test", "java");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Duplicate keys (a copy-paste slip) would silently hide one of the two values: refused. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One operation: normalised key "METHOD /path/{}" for comparing, and the path as written. */
    private record Operation(String method, String path, JsonNode node) {
        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}").replaceAll("(?<=.)/$", "");
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @Test
    void documentListsExactlyTheServedOperations() {
        Map<String, Operation> served = new TreeMap<>();
        List<Operation> testOnly = new ArrayList<>();
        for (Operation op : operations(generated(), OpenApiContractTest::inProtectedApi)) {
            if (declaredInTestSources(op)) {
                testOnly.add(op);
            } else {
                served.put(op.key(), op);
            }
        }
        Map<String, Operation> documented = new TreeMap<>();
        operations(documented(), OpenApiContractTest::inProtectedApi).forEach(op -> documented.put(op.key(), op));

        assertFalse(served.isEmpty(), "The generated document lists no operation under /scim/v2 or /admin: "
                + "is quarkus-smallrye-openapi still scanning the JAX-RS classes?");
        Set<String> undocumented = new TreeSet<>(served.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> notServed = new TreeSet<>(documented.keySet());
        notServed.removeAll(served.keySet());
        if (!undocumented.isEmpty() || !notServed.isEmpty()) {
            StringBuilder message = new StringBuilder(DOCUMENT + " and the application's /q/openapi differ "
                    + "under /scim/v2 and /admin (path parameter names ignored):");
            if (!undocumented.isEmpty()) {
                message.append("\n  served by the application, missing from ").append(DOCUMENT).append(":");
                undocumented.forEach(k -> message.append("\n    ").append(served.get(k)));
            }
            if (!notServed.isEmpty()) {
                message.append("\n  in ").append(DOCUMENT).append(", not served by the application:");
                notServed.forEach(k -> message.append("\n    ").append(documented.get(k)));
            }
            message.append("\n  (left out as test-only: ").append(testOnly).append(")");
            fail(message.toString());
        }
    }

    @Test
    void everyDocumentedOperationAnswersAndStatesItsSecurity() {
        JsonNode document = documented();
        assertTrue(document.path("openapi").asText().matches("3\\.[01]\\.\\d+"),
                DOCUMENT + " must be OpenAPI 3.0 or 3.1, is: " + document.path("openapi"));
        JsonNode schemes = document.path("components").path("securitySchemes");
        JsonNode topLevel = document.path("security");
        List<String> problems = new ArrayList<>();
        List<Operation> all = operations(document, path -> true);
        for (Operation op : all) {
            JsonNode responses = op.node().path("responses");
            if (!responses.isObject() || responses.isEmpty()) {
                problems.add(op + ": no response documented");
            }
            JsonNode security = op.node().has("security") ? op.node().get("security") : topLevel;
            boolean gated = inProtectedApi(op.path());
            if (gated) {
                if (!security.isArray() || security.isEmpty() || hasEmptyRequirement(security)) {
                    problems.add(op + ": behind the token gate (ProtectedApi) but documents no security requirement");
                } else {
                    security.forEach(requirement -> requirement.fieldNames().forEachRemaining(name -> {
                        if (!schemes.has(name)) {
                            problems.add(op + ": security scheme '" + name + "' is not in components.securitySchemes");
                        }
                    }));
                }
                if (!responses.has("401")) {
                    problems.add(op + ": behind the token gate but does not document 401");
                }
            } else if (security.isArray() && !security.isEmpty() && !hasEmptyRequirement(security)) {
                problems.add(op + ": the application checks no token here, but the document requires one"
                        + " (use security: [])");
            }
        }
        assertFalse(all.isEmpty(), DOCUMENT + " documents no operation");
        if (!problems.isEmpty()) {
            fail(DOCUMENT + " has operations without responses or with wrong security:\n  " + String.join("\n  ", problems));
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private static boolean inProtectedApi(String path) {
        return ProtectedApi.of(path).isPresent();
    }

    /** An empty requirement object ({@code {}}) in the list means "or no authentication". */
    private static boolean hasEmptyRequirement(JsonNode security) {
        for (JsonNode requirement : security) {
            if (requirement.isObject() && requirement.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<Operation> operations(JsonNode document, Predicate<String> paths) {
        List<Operation> out = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (paths.test(path.getKey())) {
                path.getValue().fields().forEachRemaining(method -> {
                    if (METHODS.contains(method.getKey().toLowerCase(Locale.ROOT))) {
                        out.add(new Operation(method.getKey().toLowerCase(Locale.ROOT), path.getKey(), method.getValue()));
                    }
                });
            }
        });
        return out;
    }

    /**
     * Whether the generated operation's declaring class (from its operationId,
     * {@code io.scimbridge.auth.ScimAuthProbeResource_whoAmI}) has its source in src/test/java.
     */
    private static boolean declaredInTestSources(Operation op) {
        String operationId = op.node().path("operationId").asText("");
        int underscore = operationId.lastIndexOf('_');
        if (underscore <= 0 || operationId.indexOf('.') < 0) {
            fail("Generated operation " + op + " has operationId '" + operationId + "', expected "
                    + "package.Class_method: is %test.quarkus.smallrye-openapi.operation-id-strategy="
                    + "package-class-method still in application.properties?");
        }
        String className = operationId.substring(0, underscore);
        int nested = className.indexOf('$');
        String topLevel = nested < 0 ? className : className.substring(0, nested);
        return Files.exists(TEST_SOURCES.resolve(topLevel.replace('.', '/') + ".java"));
    }

    private static JsonNode generated() {
        String body = given().queryParam("format", "json").accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("/q/openapi?format=json is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode documented() {
        assertTrue(Files.isRegularFile(DOCUMENT), DOCUMENT.toAbsolutePath() + " is missing (tests run from the project root)");
        try {
            return YAML.readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new AssertionError(DOCUMENT + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
