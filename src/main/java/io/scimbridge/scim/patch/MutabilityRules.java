package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.Mutability;
import java.util.List;

/**
 * RFC 7643 §2.2 mutability as PATCH applies it, read from the schema (never from attribute
 * names), so a schema change is the only place to make an attribute writable or not.
 */
final class MutabilityRules {

    private MutabilityRules() {}

    /**
     * readOnly attributes (id, meta, groups, manager.displayName) may be sent back unchanged:
     * Okta's group PATCH always carries the group's own {@code id}. Any other value is
     * mutability (RFC 7644 §3.5.2: a client MUST NOT modify a readOnly attribute).
     */
    static void readOnlyEcho(String where, List<JsonNode> currentValues, JsonNode given) {
        boolean unchanged = currentValues.isEmpty() ? !JsonFields.present(given)
                : currentValues.stream().allMatch(c -> JsonFields.sameAs(c, given));
        if (!unchanged) {
            throw ScimException.mutability(where + " is readOnly");
        }
    }

    static boolean isReadOnly(PatchTarget t) {
        return t.attribute().mutability() == Mutability.READ_ONLY
                || (t.subAttribute() != null && t.subAttribute().mutability() == Mutability.READ_ONLY);
    }

    /** RFC 7643 §2.2 immutable: may be set when unassigned, never changed or removed after. */
    static void checkImmutable(AttributeDef def, JsonNode current, JsonNode next, String where) {
        if (def.mutability() == Mutability.IMMUTABLE && JsonFields.present(current)
                && !JsonFields.sameAs(current, next)) {
            throw ScimException.mutability(where + " is immutable and already has a value");
        }
    }
}
