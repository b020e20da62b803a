package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.filter.PatchPath;
import java.util.Objects;

/**
 * One RFC 7644 §3.5.2 PATCH operation, already syntax-checked by {@link PatchRequestParser}.
 * Whether the path names an attribute of the resource type is checked by {@link PatchEngine},
 * which knows the schema.
 */
public sealed interface PatchOperation {

    /** The target, or null for "the resource itself" (only Add and Replace). */
    PatchPath path();

    /** The operand; null only for a Remove without value. */
    JsonNode value();

    /** {@code add}: a null path means {@code value} is an object of attributes to add. */
    record Add(PatchPath path, JsonNode value) implements PatchOperation {
        public Add {
            Objects.requireNonNull(value, "add needs a value");
        }
    }

    /** {@code replace}: a null path means {@code value} is an object of attributes to replace. */
    record Replace(PatchPath path, JsonNode value) implements PatchOperation {
        public Replace {
            Objects.requireNonNull(value, "replace needs a value");
        }
    }

    /**
     * {@code remove}. {@code value} is null except in Azure AD's old member removal
     * ({@code path: "members", value: [{"value": "<id>"}]}), which removes only those values.
     */
    record Remove(PatchPath path, JsonNode value) implements PatchOperation {
        public Remove {
            Objects.requireNonNull(path, "remove needs a path (noTarget)");
        }
    }
}
