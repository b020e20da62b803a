package io.scimbridge.testing.idp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.scimbridge.auth.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The raw SCIM transport inside a {@code @QuarkusTest} (REST Assured): one source's bearer token, SCIM JSON in and
 * out. Bodies are sent as the exact bytes of the given JSON (UTF-8), so a test controls what the
 * wire carries, including broken JSON, and gets whatever the bridge answers ({@link IdpConnection}
 * is the connection that expects the bridge to accept).
 *
 * <pre>{@code
 * ScimClient azure = ScimClient.as("azure-cycle");
 * String id = azure.post("/Users", body).then().statusCode(201).extract().path("id");
 * }</pre>
 */
public final class ScimClient {

    public static final String SCIM_JSON = "application/scim+json";
    public static final String BASE = "/scim/v2";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    }

    private final String authorization;
    private final Map<String, String> headers;

    private ScimClient(String authorization, Map<String, String> headers) {
        this.authorization = authorization;
        this.headers = headers;
    }

    /** A client holding a fresh, valid token of {@code source}. */
    public static ScimClient as(String source) {
        return new ScimClient(TestTokens.bearer(source), Map.of());
    }

    /** A client presenting this Authorization header value as is (forged, expired, ...). */
    public static ScimClient withAuthorization(String headerValue) {
        return new ScimClient(headerValue, Map.of());
    }

    /** The Authorization header value this client presents. */
    public String authorization() {
        return authorization;
    }

    /** The extra header's value, or null when it sends none. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The same client sending an extra header on every request (User-Agent, If-Match, ...). */
    public ScimClient withHeader(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new ScimClient(authorization, Map.copyOf(all));
    }

    public RequestSpecification request() {
        return given().header("Authorization", authorization).accept(SCIM_JSON).headers(headers);
    }

    public Response get(String path) {
        return request().get(BASE + path);
    }

    public Response get(String path, Map<String, ?> query) {
        return request().queryParams(query).get(BASE + path);
    }

    public Response post(String path, Object body) {
        return withBody(body).post(BASE + path);
    }

    public Response put(String path, Object body) {
        return withBody(body).put(BASE + path);
    }

    public Response patch(String path, Object body) {
        return withBody(body).patch(BASE + path);
    }

    public Response delete(String path) {
        return request().delete(BASE + path);
    }

    /** A JsonNode is serialised; a String or byte[] is sent exactly as given. */
    public RequestSpecification withBody(Object body) {
        RequestSpecification spec = request().contentType(SCIM_JSON + "; charset=utf-8");
        return switch (body) {
            case byte[] bytes -> spec.body(bytes);
            case String text -> spec.body(text.getBytes(StandardCharsets.UTF_8));
            case JsonNode node -> spec.body(json(node).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("body must be JSON, a String or bytes");
        };
    }

    public static String json(JsonNode node) {
        return Json.write(node);
    }

    /** The body of a response as a tree, for comparisons of whole documents. */
    public static JsonNode tree(Response response) {
        return Json.read(response.asByteArray());
    }

    /** Every SCIM answer: the status and the SCIM media type. */
    public static ValidatableResponse scim(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith(SCIM_JSON));
    }

    /** An RFC 7644 §3.12 error with this status and scimType (null: none). */
    public static ValidatableResponse scimError(Response response, int status, String scimType) {
        return scim(response, status)
                .body("schemas[0]", equalTo(ScimUrns.ERROR))
                .body("status", equalTo(Integer.toString(status)))
                .body("scimType", scimType == null ? nullValue() : equalTo(scimType));
    }
}
