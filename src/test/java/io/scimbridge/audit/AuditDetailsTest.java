package io.scimbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an audit entry keeps of a request, and what it never keeps. */
class AuditDetailsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPatchIsSummarisedByOpAndPathWithoutItsValues() throws Exception {
        AuditContext context = new AuditContext();
        context.patchRequested(JSON.readTree("""
                {"Operations": [
                  {"op": "Replace", "path": "password", "value": "hunter2"},
                  {"op": "add", "path": "members", "value": [{"value": "u-1"}]},
                  {"op": "replace", "value": {"active": false, "password": "hunter3"}},
                  {"op": 7, "path": {"not": "a string"}}
                ]}"""));
        assertEquals(List.of("replace password", "add members", "replace", "?"), context.patchOperations());
        assertFalse(context.patchOperations().toString().contains("hunter"));
    }

    @Test
    void aHugePatchIsCutShortAndControlCharactersNeverReachTheLog() {
        ObjectNode body = JSON.createObjectNode();
        var operations = body.putArray("Operations");
        for (int i = 0; i < 60; i++) {
            operations.addObject().put("op", "remove").put("path", "emails[value eq \"a\nb" + i + "\"]");
        }
        AuditContext context = new AuditContext();
        context.patchRequested(body);
        assertEquals(AuditContext.MAX_PATCH_OPERATIONS + 1, context.patchOperations().size());
        assertEquals("... 10 more", context.patchOperations().getLast());
        assertTrue(context.patchOperations().stream().noneMatch(line -> line.contains("\n")));
    }

    @Test
    void theNamesOfARequestedWriteAreKeptEvenIfItIsRefused() throws Exception {
        AuditContext context = new AuditContext();
        context.requested(ResourceType.GROUP, JSON.readTree("{\"displayName\": \"Sales\", \"externalId\": \"g-1\"}"));
        assertEquals("Sales", context.name());
        assertEquals("g-1", context.externalId());
    }

    @Test
    void writesAreRecognisedFromMethodAndPathAndReadsAreNot() {
        assertEquals(Optional.of(new AuditedWrite(AuditOperation.CREATE, ResourceType.USER, null)),
                AuditedWrite.of("POST", "/scim/v2/Users"));
        assertEquals(Optional.of(new AuditedWrite(AuditOperation.PATCH, ResourceType.GROUP, "g1")),
                AuditedWrite.of("PATCH", "/scim/v2//Groups/g1"));
        assertEquals(Optional.of(new AuditedWrite(AuditOperation.DELETE, ResourceType.USER, "u1")),
                AuditedWrite.of("DELETE", "/scim/v2/Users/u1"));
        assertEquals(Optional.empty(), AuditedWrite.of("POST", "/scim/v2/Users/.search"));
        assertEquals(Optional.empty(), AuditedWrite.of("GET", "/scim/v2/Users/u1"));
        assertEquals(Optional.empty(), AuditedWrite.of("POST", "/admin/reconcile"));
    }

    @Test
    void queryParametersAreCheckedAndTheLimitClamped() {
        AuditQuery query = AuditQuery.parse("azure", null, "2026-01-31T12:00:00Z", "Patch", "failed", "42", "5000");
        assertEquals(AuditOperation.PATCH, query.operation());
        assertEquals(400, query.minStatus());
        assertEquals(42L, query.before());
        assertEquals(AuditQuery.MAX_LIMIT, query.limit());
        assertEquals(AuditQuery.DEFAULT_LIMIT, AuditQuery.parse(null, null, null, null, "409", null, null).limit());
        assertEquals(409, AuditQuery.parse(null, null, null, null, "409", null, null).maxStatus());
        assertThrows(ScimException.class, () -> AuditQuery.parse(null, null, "yesterday", null, null, null, null));
        assertThrows(ScimException.class, () -> AuditQuery.parse(null, null, null, "read", null, null, null));
        assertThrows(ScimException.class, () -> AuditQuery.parse(null, null, null, null, null, "x", null));
    }

    @Test
    void onlySaneRequestIdsAreTakenOver() {
        assertTrue(CorrelationId.isSane("entra-prov:5b1f.2_A"));
        assertFalse(CorrelationId.isSane("a".repeat(65)));
        assertFalse(CorrelationId.isSane("x\ninjected"));
        assertFalse(CorrelationId.isSane("has space"));
        assertFalse(CorrelationId.isSane(""));
        assertTrue(CorrelationId.generate().matches("[0-9a-f]{16}"));
    }
}
