package io.scimbridge.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.scimbridge.auth.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An IdP connection talking to the bridge over HTTP: one source's bearer token, SCIM JSON in and
 * out. Bodies are sent as the exact bytes of the given JSON (UTF-8), so a test controls what the
 * wire carries, including broken JSON.
 *
 * <pre>{@code
 * ScimClient azure = ScimClient.as("azure-cycle");
 * String id = azure.post("/Users", body).then().statusCode(201).extract().path("id");
 * }</pre>
 */
final class ScimClient {

    static final String SCIM_JSON = "application/scim+json";
    static final String BASE = "/scim/v2";
    private static final ObjectMapper JSON = new ObjectMapper();

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
    static ScimClient as(String source) {
        return new ScimClient(TestTokens.bearer(source), Map.of());
    }

    /** A client presenting this Authorization header value as is (forged, expired, ...). */
    static ScimClient withAuthorization(String headerValue) {
        return new ScimClient(headerValue, Map.of());
    }

    /** The same client sending an extra header on every request (User-Agent, If-Match, ...). */
    ScimClient withHeader(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new ScimClient(authorization, Map.copyOf(all));
    }

    RequestSpecification request() {
        return given().header("Authorization", authorization).accept(SCIM_JSON).headers(headers);
    }

    Response get(String path) {
        return request().get(BASE + path);
    }

    Response get(String path, Map<String, ?> query) {
        return request().queryParams(query).get(BASE + path);
    }

    Response post(String path, Object body) {
        return withBody(body).post(BASE + path);
    }

    Response put(String path, Object body) {
        return withBody(body).put(BASE + path);
    }

    Response patch(String path, Object body) {
        return withBody(body).patch(BASE + path);
    }

    Response delete(String path) {
        return request().delete(BASE + path);
    }

    /** A JsonNode is serialised; a String or byte[] is sent exactly as given. */
    RequestSpecification withBody(Object body) {
        RequestSpecification spec = request().contentType(SCIM_JSON + "; charset=utf-8");
        return switch (body) {
            case byte[] bytes -> spec.body(bytes);
            case String text -> spec.body(text.getBytes(StandardCharsets.UTF_8));
            case JsonNode node -> spec.body(json(node).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("body must be JSON, a String or bytes");
        };
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a response as a tree, for comparisons of whole documents. */
    static JsonNode tree(Response response) {
        try {
            return JSON.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every SCIM answer: the status and the SCIM media type. */
    static ValidatableResponse scim(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith(SCIM_JSON));
    }

    /** An RFC 7644 §3.12 error with this status and scimType (null: none). */
    static ValidatableResponse scimError(Response response, int status, String scimType) {
        return scim(response, status)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo(Integer.toString(status)))
                .body("scimType", scimType == null ? nullValue() : equalTo(scimType));
    }
}
