package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain java.net.http client for the SCIM emulator, plus builders for the JSON the tests send. */
final class ScimTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer: status, headers and the JSON body (null when empty). */
    record Response(int status, HttpHeaders headers, JsonNode body) {
        String detail() {
            return body == null ? "" : body.path("detail").asText();
        }

        /** Which emulator rule refused the request (emulator-only header). */
        String reason() {
            return headers.firstValue("X-Emulator-Reason").orElse("");
        }

        String id() {
            return body.path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + reason() + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    ScimTestClient(IdentityCenterScimEmulator emulator) {
        this(emulator.url(), emulator.token());
    }

    ScimTestClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    ScimTestClient withToken(String otherToken) {
        return new ScimTestClient(baseUrl, otherToken);
    }

    ScimTestClient withBaseUrl(String otherBaseUrl) {
        return new ScimTestClient(otherBaseUrl, token);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    Response put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    Response patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response send(String method, String path, JsonNode body) {
        try {
            return sendOrThrow(method, path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets a test see the IOException of a dropped connection. */
    Response sendOrThrow(String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/scim+json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            return new Response(response.statusCode(), response.headers(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    // ---- builders

    /** A user Identity Center accepts: userName, displayName, given/family names, one primary email. */
    static ObjectNode user(String userName) {
        ObjectNode user = MAPPER.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.put("displayName", "Display " + userName);
        user.putObject("name").put("givenName", "Given").put("familyName", "Family");
        user.putArray("emails").addObject().put("value", userName.contains("@") ? userName : userName + "@example.com")
                .put("type", "work").put("primary", true);
        user.put("active", true);
        return user;
    }

    static ObjectNode group(String displayName, String... memberIds) {
        ObjectNode group = MAPPER.createObjectNode();
        group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
        group.put("displayName", displayName);
        if (memberIds.length > 0) {
            group.set("members", members(memberIds));
        }
        return group;
    }

    static ArrayNode members(String... ids) {
        ArrayNode members = MAPPER.createArrayNode();
        for (String id : ids) {
            members.addObject().put("value", id);
        }
        return members;
    }

    /** A PatchOp body with these operations. */
    static ObjectNode patch(ObjectNode... operations) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        ArrayNode ops = body.putArray("Operations");
        for (ObjectNode op : operations) {
            ops.add(op);
        }
        return body;
    }

    /** One PATCH operation; a null path or value is left out. */
    static ObjectNode op(String op, String path, Object value) {
        ObjectNode operation = MAPPER.createObjectNode();
        operation.put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.set("value", MAPPER.valueToTree(value));
        }
        return operation;
    }
}
