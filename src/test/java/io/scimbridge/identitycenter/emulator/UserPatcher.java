package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PatchUser as Identity Center accepts it (developer guide, PatchUser): only the documented
 * modifiable attributes, at most one operation on userName and one on active per request, no
 * remove of either. Applies RFC 7644 semantics (add appends to multi-valued attributes, a filter
 * path such as {@code emails[type eq "work"].value} creates the element when missing, as Entra
 * expects). The patched resource is then re-validated as a whole by {@link UserValidator}, so a
 * patch that leaves two emails or removes a required name is refused like a create would be.
 */
final class UserPatcher {

    static final List<String> MODIFIABLE = List.of("userName", "active", "externalId", "displayName", "nickName",
            "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "name", "emails",
            "addresses", "phoneNumbers");
    private static final Set<String> MULTI = Set.of("emails", "addresses", "phoneNumbers");
    private static final Set<String> AT_MOST_ONCE = Set.of("userName", "active");
    private static final String ENTERPRISE = StoredUser.ENTERPRISE;
    private static final String ENTERPRISE_ROOT = "enterprise";
    private static final Pattern PATH = Pattern.compile(
            "([A-Za-z][\\w$-]*)(?:\\[\\s*([A-Za-z][\\w$-]*)\\s+(?i:eq)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*])?(?:\\.([A-Za-z][\\w$-]*))?");

    /** Where an operation applies: root attribute, optional value filter, optional sub-attribute. */
    record Target(String root, String filterAttribute, String filterValue, String sub) {
    }

    /** An operation resolved to one target (path-less operations are split per attribute). */
    record Step(String op, Target target, JsonNode value) {
    }

    private UserPatcher() {
    }

    static List<Step> parse(JsonNode body) {
        List<Step> steps = new ArrayList<>();
        for (PatchRequest.Operation operation : PatchRequest.parse(body)) {
            if (operation.path() != null) {
                steps.add(new Step(operation.op(), target(operation.path()), operation.value()));
                continue;
            }
            if (!operation.value().isObject()) {
                throw ScimError.invalid("a path-less " + operation.op() + " needs an object value");
            }
            operation.value().fields().forEachRemaining(field -> {
                Target target = field.getKey().equalsIgnoreCase(ENTERPRISE)
                        ? new Target(ENTERPRISE_ROOT, null, null, null)
                        : target(field.getKey());
                steps.add(new Step(operation.op(), target, field.getValue()));
            });
        }
        for (String root : AT_MOST_ONCE) {
            long count = steps.stream().filter(s -> s.target().root().equals(root)).count();
            if (count > 1) {
                throw ScimError.invalid("more than one operation on " + root);
            }
            if (steps.stream().anyMatch(s -> s.target().root().equals(root) && s.op().equals("remove"))) {
                throw ScimError.invalid("remove is not allowed on " + root);
            }
        }
        return steps;
    }

    static ObjectNode apply(ObjectNode current, List<Step> steps) {
        ObjectNode doc = current.deepCopy();
        for (Step step : steps) {
            String root = step.target().root();
            if (root.equals(ENTERPRISE_ROOT)) {
                applyEnterprise(doc, step);
            } else if (root.equals("name")) {
                applyName(doc, step);
            } else if (MULTI.contains(root)) {
                applyMulti(doc, step);
            } else if (step.op().equals("remove")) {
                doc.remove(root);
            } else {
                if (step.value().isContainerNode()) {
                    throw ScimError.invalid(root + " takes a single value");
                }
                doc.set(root, step.value());
            }
        }
        return doc;
    }

    static Target target(String path) {
        String p = path.trim();
        if (p.regionMatches(true, 0, ENTERPRISE, 0, ENTERPRISE.length())) {
            return enterpriseTarget(p.substring(ENTERPRISE.length()));
        }
        Matcher m = PATH.matcher(p);
        if (!m.matches()) {
            throw ScimError.invalid("unsupported path '" + path + "'");
        }
        String root = Json.canonical(m.group(1), MODIFIABLE);
        if (root == null) {
            throw ScimError.invalid("attribute '" + m.group(1) + "' cannot be modified by PATCH");
        }
        String filterAttribute = m.group(2);
        String sub = m.group(4);
        if (filterAttribute != null && !MULTI.contains(root)) {
            throw ScimError.invalid("a value filter applies only to multi-valued attributes");
        }
        if (sub != null) {
            List<String> subs = root.equals("name") ? UserValidator.NAME_PARTS : UserValidator.MULTI_VALUED.get(root);
            if (sub.equalsIgnoreCase("display")) {
                throw ScimError.invalid("the display sub-attribute of " + root + " is not supported");
            }
            sub = subs == null ? null : Json.canonical(sub, subs);
            if (sub == null) {
                throw ScimError.invalid("unsupported path '" + path + "'");
            }
        }
        if (filterAttribute != null) {
            filterAttribute = Json.canonical(filterAttribute, UserValidator.MULTI_VALUED.get(root));
            if (filterAttribute == null) {
                throw ScimError.invalid("unsupported filter in path '" + path + "'");
            }
        }
        String filterValue = m.group(3) == null ? null : m.group(3).replace("\\\"", "\"");
        return new Target(root, filterAttribute, filterValue, sub);
    }

    /** {@code urn:...:enterprise:2.0:User}, {@code ...:department}, {@code ...:manager}, {@code ...:manager.value}. */
    private static Target enterpriseTarget(String rest) {
        if (rest.isEmpty()) {
            return new Target(ENTERPRISE_ROOT, null, null, null);
        }
        if (!rest.startsWith(":")) {
            throw ScimError.invalid("unsupported enterprise path '" + rest + "'");
        }
        String sub = rest.substring(1);
        if (sub.equalsIgnoreCase("manager.value")) {
            return new Target(ENTERPRISE_ROOT, null, null, "manager.value");
        }
        if (sub.equalsIgnoreCase("manager.displayName")) {
            throw ScimError.invalid("manager.displayName is not supported");
        }
        String canonical = Json.canonical(sub, UserValidator.ENTERPRISE_PARTS);
        if (canonical == null) {
            throw ScimError.invalid("unsupported enterprise attribute '" + sub + "'");
        }
        return new Target(ENTERPRISE_ROOT, null, null, canonical);
    }

    private static void applyName(ObjectNode doc, Step step) {
        String sub = step.target().sub();
        if (sub == null) {
            if (step.op().equals("remove")) {
                doc.remove("name");
            } else {
                mergeInto(child(doc, "name"), step.value(), "name");
            }
            return;
        }
        if (step.op().equals("remove")) {
            if (doc.path("name").isObject()) {
                ((ObjectNode) doc.get("name")).remove(sub);
            }
        } else {
            child(doc, "name").set(sub, step.value());
        }
    }

    private static void applyMulti(ObjectNode doc, Step step) {
        Target target = step.target();
        String root = target.root();
        ArrayNode values = doc.path(root).isArray() ? (ArrayNode) doc.get(root) : Json.array();
        boolean remove = step.op().equals("remove");
        if (target.filterAttribute() == null && target.sub() == null) {
            if (remove) {
                values.removeAll();
            } else {
                if (step.op().equals("replace")) {
                    values.removeAll();
                }
                for (JsonNode value : step.value().isArray() ? step.value() : Json.array().add(step.value())) {
                    if (!contains(values, value)) {
                        values.add(value);
                    }
                }
            }
        } else {
            List<ObjectNode> matches = matching(values, target);
            if (matches.isEmpty() && !remove) {
                ObjectNode created = Json.object();
                if (target.filterAttribute() != null) {
                    created.put(target.filterAttribute(), target.filterValue());
                }
                values.add(created);
                matches = List.of(created);
            }
            for (ObjectNode match : matches) {
                if (remove && target.sub() == null) {
                    removeElement(values, match);
                } else if (remove) {
                    match.remove(target.sub());
                } else if (target.sub() != null) {
                    match.set(target.sub(), step.value());
                } else {
                    mergeInto(match, step.value(), root);
                }
            }
        }
        if (values.isEmpty()) {
            doc.remove(root);
        } else {
            doc.set(root, values);
        }
    }

    private static void applyEnterprise(ObjectNode doc, Step step) {
        String sub = step.target().sub();
        boolean remove = step.op().equals("remove");
        if (sub == null && remove) {
            doc.remove(ENTERPRISE);
            return;
        }
        ObjectNode extension = child(doc, ENTERPRISE);
        if (sub == null) {
            mergeInto(extension, step.value(), "the enterprise extension");
        } else if (sub.equals("manager.value")) {
            if (remove) {
                extension.remove("manager");
            } else {
                child(extension, "manager").set("value", step.value());
            }
        } else if (remove) {
            extension.remove(sub);
        } else {
            extension.set(sub, step.value());
        }
        if (extension.isEmpty()) {
            doc.remove(ENTERPRISE);
        }
    }

    /** Elements matching the filter; with no filter (path like {@code emails.value}) every element. */
    private static List<ObjectNode> matching(ArrayNode values, Target target) {
        List<ObjectNode> matches = new ArrayList<>();
        for (JsonNode element : values) {
            if (element.isObject() && (target.filterAttribute() == null
                    || element.path(target.filterAttribute()).asText().equalsIgnoreCase(target.filterValue()))) {
                matches.add((ObjectNode) element);
            }
        }
        return matches;
    }

    private static void mergeInto(ObjectNode into, JsonNode value, String what) {
        if (!value.isObject()) {
            throw ScimError.invalid(what + " needs an object value");
        }
        into.setAll((ObjectNode) value);
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        if (!parent.path(field).isObject()) {
            parent.set(field, Json.object());
        }
        return (ObjectNode) parent.get(field);
    }

    private static boolean contains(ArrayNode values, JsonNode value) {
        for (JsonNode existing : values) {
            if (existing.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void removeElement(ArrayNode values, JsonNode element) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == element) {
                values.remove(i);
                return;
            }
        }
    }
}
