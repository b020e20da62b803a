package io.scimbridge.resource;

import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.ResourceSchema;
import java.util.Map;

/** {@code sortBy} / {@code sortOrder} (RFC 7644 §3.4.2.3), translated to an HQL order clause. */
record SortOrder(AttributePath path, boolean descending) {

    /** A join to add to the query, the order-by prefix, and the join's parameters. */
    public record Clause(String join, String orderBy, Map<String, Object> params) {
        static final Clause NONE = new Clause("", "", Map.of());
    }

    Clause clause(ResourceType type) {
        ResourceSchema.Resolved r = type.schema().resolve(path)
                .orElseThrow(() -> ScimException.invalidValue("sortBy names an unknown attribute '" + path + "'"));
        if (r.subAttribute() == null && r.attribute().isComplex()) {
            r = r.attribute().subAttribute("value").map(v -> new ResourceSchema.Resolved(
                            type.schema().resolve(path).get().schema(), type.schema().resolve(path).get().attribute(), v))
                    .orElseThrow(() -> ScimException.invalidValue("sortBy can't sort on the complex attribute '" + path + "'"));
        }
        String direction = descending ? " desc" : " asc";
        String name = r.attribute().name();
        if (!r.isExtension()) {
            String column = switch (name) {
                case "id" -> "r.id";
                case "externalId" -> "r.externalId";
                case "meta" -> switch (r.subAttribute().name()) {
                    case "created" -> "r.created";
                    case "lastModified" -> "r.lastModified";
                    default -> "r.pk";
                };
                default -> name.equals(type.nameAttribute()) ? "r.nameKey"
                        : type == ResourceType.USER && name.equals("active") ? "r.active" : null;
            };
            if (column != null) {
                return new Clause("", column + direction + " nulls last, ", Map.of());
            }
            if (name.equals("members") || name.equals("groups") || name.equals("password")) {
                throw ScimException.invalidValue("sortBy can't sort on '" + path + "'");
            }
        }
        String valueColumn = switch (r.leaf().type()) {
            case BOOLEAN -> "s.bool";
            case INTEGER, DECIMAL -> "s.num";
            case DATE_TIME -> "s.ts";
            default -> r.leaf().caseExact() ? "s.strExact" : "s.strCi";
        };
        assert r.leaf().type() != AttributeType.COMPLEX;
        // Multi-valued attributes sort by their first value.
        String join = " left join AttributeRow s on s.resourcePk = r.pk and s.path = :sortPath and s.elem = 0";
        return new Clause(join, valueColumn + direction + " nulls last, ",
                Map.of("sortPath", AttributeIndexer.rowPath(r, null)));
    }
}
