package io.scimbridge.scim.schema;

import java.util.List;
import java.util.Optional;

/** RFC 7643 §7 schema: a URN, a name and its top-level attributes. */
public record Schema(String id, String name, String description, List<AttributeDef> attributes) {

    public Schema {
        attributes = List.copyOf(attributes);
    }

    public Optional<AttributeDef> attribute(String attributeName) {
        for (AttributeDef def : attributes) {
            if (def.name().equalsIgnoreCase(attributeName)) {
                return Optional.of(def);
            }
        }
        return Optional.empty();
    }
}
