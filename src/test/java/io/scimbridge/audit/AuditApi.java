package io.scimbridge.audit;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.scimbridge.auth.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /admin/audit as an operator calls it: {@code AuditApi.query().source("azure").limit(2).get()}.
 */
final class AuditApi {

    private final Map<String, Object> params = new LinkedHashMap<>();

    private AuditApi() {}

    static AuditApi query() {
        return new AuditApi();
    }

    AuditApi source(String source) { return param("source", source); }
    AuditApi resourceId(String id) { return param("resourceId", id); }
    AuditApi since(String instant) { return param("since", instant); }
    AuditApi since(java.time.Instant instant) { return since(instant.toString()); }
    AuditApi operation(String operation) { return param("operation", operation); }
    AuditApi outcome(String outcome) { return param("outcome", outcome); }
    AuditApi before(Object id) { return param("before", id); }
    AuditApi limit(int limit) { return param("limit", limit); }

    AuditApi param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** The raw answer, whatever its status. */
    Response send() {
        return given().header("Authorization", "Bearer " + TestTokens.admin()).queryParams(params).get("/admin/audit");
    }

    /** A page that must be served. */
    JsonPath get() {
        Response response = send();
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /admin/audit " + params + " answered " + response.statusCode() + " "
                    + response.asString());
        }
        return response.jsonPath();
    }

    List<Map<String, Object>> entries() {
        return get().getList("entries");
    }
}
