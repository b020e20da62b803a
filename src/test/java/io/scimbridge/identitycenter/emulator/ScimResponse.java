package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful SCIM answer: a status and a JSON body (null for 204). */
record ScimResponse(int status, JsonNode body) {

    static ScimResponse ok(JsonNode body) {
        return new ScimResponse(200, body);
    }

    static ScimResponse created(JsonNode body) {
        return new ScimResponse(201, body);
    }

    static ScimResponse noContent() {
        return new ScimResponse(204, null);
    }
}
