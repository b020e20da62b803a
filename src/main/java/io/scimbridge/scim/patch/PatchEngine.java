package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.ResourceSchema;
import java.util.List;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a SCIM resource, speaking the Azure AD and Okta
 * dialects (see {@code idp-clients.md}). Stateless and thread-safe.
 *
 * <p>Atomic: works on a deep copy and returns it; the input is never modified, so when any
 * operation fails (a {@link ScimException}) the caller still holds the original.
 *
 * <p>The resource is the document as the client sees it: core and common attributes at the top
 * level, extension attributes in an object keyed by the extension URN. It should carry its
 * {@code id}: Okta's {@code {"op":"replace","value":{"id":"<same id>",...}}} is then checked as
 * an echo (a different id is a mutability error). In a path-less value, readOnly attributes the
 * document does not hold (meta, groups) are ignored, as for PUT; by path they are mutability.
 *
 * <p>Decisions beyond the RFC's text:
 * <ul>
 *   <li>Replace (and add) on a single-valued complex attribute merges sub-attributes, as
 *       §3.5.2.3 says; replace on a multi-valued attribute replaces the whole list.</li>
 *   <li>Add on a multi-valued attribute skips values already present (same {@code value}).</li>
 *   <li>A value-filter path with a sub-attribute that matches nothing creates the element the
 *       filter's {@code eq} comparisons describe (Azure AD relies on it, for add and replace);
 *       replace of whole filtered elements with no match is {@code noTarget}; remove with no
 *       match is a no-op.</li>
 *   <li>Several {@code primary: true} elements after the patch: the one set last wins, the
 *       others become {@code primary: false} (RFC 7643 §2.4).</li>
 *   <li>Removing a required attribute is {@code invalidValue}; the caller still validates the
 *       whole result like a PUT body.</li>
 * </ul>
 * Errors name the failing operation's 1-based position.
 */
public final class PatchEngine {

    public ObjectNode apply(ObjectNode resource, List<PatchOperation> ops, ResourceSchema schema) {
        ObjectNode copy = resource.deepCopy();
        PatchWork work = new PatchWork(copy, schema);
        for (int i = 0; i < ops.size(); i++) {
            try {
                work.apply(ops.get(i));
            } catch (ScimException e) {
                throw new ScimException(e.status(), e.scimType(), "Operation " + (i + 1) + ": " + e.detail());
            }
        }
        work.finish();
        return copy;
    }
}
