package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flattens a canonical resource document into the rows of {@code scim_attribute}, so that any
 * filter becomes a database query. Attributes that live in columns of {@code scim_resource}
 * (id, externalId, userName/displayName, active, meta) are not repeated here.
 *
 * <p>Row paths: {@code attr}, {@code attr.sub}, and for extensions {@code urn:...:attr.sub},
 * all lower-case. Each element of a multi-valued complex attribute gets an anchor row
 * ({@code path = attr}) plus one row per sub-attribute, sharing its {@code elem} number.
 */
final class AttributeIndexer {

    /** One row to write. */
    public record IndexedValue(String path, int elem, String strExact, String strCi, BigDecimal num,
                               Boolean bool, OffsetDateTime ts) {}

    private AttributeIndexer() {}

    public static List<IndexedValue> index(ResourceType type, ObjectNode document) {
        List<IndexedValue> rows = new ArrayList<>();
        ResourceSchema rs = type.schema();
        indexSchema(type, rs.core(), document, "", rows);
        for (Schema ext : rs.extensions()) {
            JsonNode node = document.get(ext.id());
            if (node != null && node.isObject()) {
                indexSchema(type, ext, node, ext.id().toLowerCase(Locale.ROOT) + ":", rows);
            }
        }
        return rows;
    }

    /** The schemas a stored document carries: the core one and each extension present. */
    public static List<String> schemaUrns(ResourceSchema rs, ObjectNode document) {
        List<String> urns = new ArrayList<>();
        urns.add(rs.core().id());
        for (Schema ext : rs.extensions()) {
            if (document.has(ext.id())) {
                urns.add(ext.id());
            }
        }
        return urns;
    }

    /** The row path of an attribute path, or the prefix for its sub-attributes. */
    public static String rowPath(ResourceSchema.Resolved resolved, AttributePath path) {
        String prefix = resolved.isExtension() ? resolved.schema().id().toLowerCase(Locale.ROOT) + ":" : "";
        String attr = prefix + resolved.attribute().lowerName();
        return resolved.subAttribute() == null ? attr : attr + "." + resolved.subAttribute().lowerName();
    }

    private static void indexSchema(ResourceType type, Schema schema, JsonNode node, String prefix,
                                    List<IndexedValue> rows) {
        for (AttributeDef def : schema.attributes()) {
            if (prefix.isEmpty() && isColumn(type, def.name())) {
                continue;
            }
            JsonNode value = node.get(def.name());
            if (value == null || value.isNull()) {
                continue;
            }
            String path = prefix + def.lowerName();
            if (def.multiValued()) {
                int elem = 0;
                for (JsonNode element : value) {
                    indexValue(def, element, path, elem++, rows);
                }
            } else {
                indexValue(def, value, path, 0, rows);
            }
        }
    }

    private static void indexValue(AttributeDef def, JsonNode value, String path, int elem, List<IndexedValue> rows) {
        if (!def.isComplex()) {
            scalar(def, value, path, elem).ifPresent(rows::add);
            return;
        }
        if (def.multiValued()) {
            rows.add(new IndexedValue(path, elem, null, null, null, null, null)); // element anchor
        }
        for (AttributeDef sub : def.subAttributes()) {
            JsonNode subValue = value.get(sub.name());
            if (subValue != null && !subValue.isNull()) {
                scalar(sub, subValue, path + "." + sub.lowerName(), elem).ifPresent(rows::add);
            }
        }
    }

    private static java.util.Optional<IndexedValue> scalar(AttributeDef def, JsonNode v, String path, int elem) {
        return switch (def.type()) {
            case BOOLEAN -> java.util.Optional.of(new IndexedValue(path, elem, null, null, null, v.asBoolean(), null));
            case INTEGER, DECIMAL -> java.util.Optional.of(
                    new IndexedValue(path, elem, null, null, v.decimalValue(), null, null));
            case DATE_TIME -> java.util.Optional.of(
                    new IndexedValue(path, elem, v.asText(), v.asText().toLowerCase(Locale.ROOT), null, null, parseTime(v.asText())));
            case COMPLEX -> java.util.Optional.empty();
            default -> {
                String s = v.asText();
                if (s.isEmpty()) {
                    yield java.util.Optional.empty(); // empty strings are "not present" (RFC 7643 §2.5)
                }
                yield java.util.Optional.of(new IndexedValue(path, elem, s, s.toLowerCase(Locale.ROOT), null, null, null));
            }
        };
    }

    private static OffsetDateTime parseTime(String s) {
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Attributes kept as columns of scim_resource, translated to column conditions instead. */
    public static boolean isColumn(ResourceType type, String attributeName) {
        return attributeName.equalsIgnoreCase("id") || attributeName.equalsIgnoreCase("externalId")
                || attributeName.equalsIgnoreCase("meta") || attributeName.equalsIgnoreCase(type.nameAttribute())
                || (type == ResourceType.USER && attributeName.equalsIgnoreCase("active"))
                || (type == ResourceType.USER && attributeName.equalsIgnoreCase("groups"))
                || (type == ResourceType.GROUP && attributeName.equalsIgnoreCase("members"))
                || attributeName.equalsIgnoreCase("password");
    }
}
