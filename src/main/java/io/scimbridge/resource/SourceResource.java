package io.scimbridge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;

/**
 * One stored resource as the features beside the SCIM endpoints read it (delivery, rules, the
 * previews, IAM user retirement): a copy, never the entity, so the source state changes only
 * through this package.
 *
 * @param pk       the surrogate key, for {@link SourceResources#memberIds} and
 *                 {@link SourceResources#groupDocumentsOf}
 * @param name     the naming attribute's value: userName or displayName
 * @param active   false only for a user the IdP deactivated (groups are always active)
 * @param document the canonical document as stored (without id, meta, password and memberships),
 *                 parsed for this read alone: the caller may change it, nothing stored changes
 */
public record SourceResource(long pk, String id, ResourceType type, String name, boolean active, ObjectNode document) {}
