package io.scimbridge.guard;

import java.time.Instant;

/**
 * A removal the guard holds: what, why (the rule, or the IdP request by its correlation id), since
 * when, and whether an operator released it (then the owner's next delivery sends it).
 */
public record HeldRemoval(String key, Removal.Kind kind, String ownerId, String ownerType, String subject,
                          String source, String description, String rule, String correlationId, Instant heldSince,
                          boolean released) {
}
