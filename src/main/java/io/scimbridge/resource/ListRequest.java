package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.api.ScimConfig;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.FilterParser;
import io.scimbridge.scim.filter.FilterValidator;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeProjection;
import io.scimbridge.scim.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A query (GET with parameters, or POST /.search with a SearchRequest body) parsed and checked
 * once: filter, paging (RFC 7644 §3.4.2.4 clamping rules), sorting and projection.
 */
record ListRequest(Filter filter, SortOrder sort, int startIndex, int count, AttributeProjection projection) {

    /** Raw parameters as strings, from the query string or the SearchRequest body. */
    public record Raw(String filter, String startIndex, String count, String sortBy, String sortOrder,
                      String attributes, String excludedAttributes) {

        public static Raw fromSearchBody(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw ScimException.invalidSyntax("A SearchRequest must be a JSON object");
            }
            return new Raw(text(body, "filter"), text(body, "startIndex"), text(body, "count"),
                    text(body, "sortBy"), text(body, "sortOrder"), list(body, "attributes"),
                    list(body, "excludedAttributes"));
        }

        private static String text(JsonNode body, String field) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw ScimException.invalidValue("'" + field + "' must be a single value");
            }
            return v.asText();
        }

        private static String list(JsonNode body, String field) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isTextual()) {
                return v.asText();
            }
            if (!v.isArray()) {
                throw ScimException.invalidValue("'" + field + "' must be an array of attribute names");
            }
            List<String> names = new ArrayList<>();
            v.forEach(n -> names.add(n.asText()));
            return String.join(",", names);
        }
    }

    public static ListRequest parse(Raw raw, ResourceSchema schema, ScimConfig config) {
        Filter filter = null;
        if (raw.filter() != null && !raw.filter().isBlank()) {
            filter = FilterParser.parse(raw.filter(),
                    new FilterParser.Limits(config.maxFilterLength(), config.maxFilterDepth(), config.maxFilterClauses()));
            FilterValidator.validate(filter, schema);
        }
        int startIndex = Math.max(1, integer("startIndex", raw.startIndex(), 1));
        int count = Math.min(config.maxResults(), Math.max(0, integer("count", raw.count(), config.defaultCount())));
        SortOrder sort = null;
        if (raw.sortBy() != null && !raw.sortBy().isBlank()) {
            sort = new SortOrder(attributePath(raw.sortBy()), descending(raw.sortOrder()));
        }
        if (raw.attributes() != null && raw.excludedAttributes() != null
                && !raw.attributes().isBlank() && !raw.excludedAttributes().isBlank()) {
            throw ScimException.invalidValue("Use attributes or excludedAttributes, not both");
        }
        AttributeProjection projection = new AttributeProjection(schema, paths(raw.attributes()),
                paths(raw.excludedAttributes()));
        return new ListRequest(filter, sort, startIndex, count, projection);
    }

    /** attributes / excludedAttributes of a GET by id or a write's response. */
    public static AttributeProjection projection(ResourceSchema schema, String attributes, String excluded) {
        if (attributes != null && excluded != null && !attributes.isBlank() && !excluded.isBlank()) {
            throw ScimException.invalidValue("Use attributes or excludedAttributes, not both");
        }
        return new AttributeProjection(schema, paths(attributes), paths(excluded));
    }

    private static List<AttributePath> paths(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<AttributePath> out = new ArrayList<>();
        for (String name : csv.split(",")) {
            if (!name.isBlank()) {
                out.add(attributePath(name.trim()));
            }
        }
        return out;
    }

    private static AttributePath attributePath(String s) {
        try {
            return FilterParser.parseAttributePath(s);
        } catch (ScimException e) {
            throw ScimException.invalidValue("'" + s + "' is not an attribute name");
        }
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
            return false;
        }
        if (sortOrder.equalsIgnoreCase("descending")) {
            return true;
        }
        throw ScimException.invalidValue("sortOrder must be ascending or descending");
    }

    private static int integer(String name, String value, int dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }
}
