package io.scimbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.rules.Rules.Derivation;
import io.scimbridge.rules.Rules.Drop;
import io.scimbridge.rules.Rules.Match;
import io.scimbridge.rules.Rules.UserAttributes;
import io.scimbridge.rules.RulesDecision.Excluded;
import io.scimbridge.rules.RulesDecision.Forwarded;
import io.scimbridge.rules.RulesDecision.Reason;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.filter.FilterEvaluator;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code shape}: the operator's rules applied to one resource's source state. A pure function of
 * its arguments, like {@code translate} after it, so that delivery stays an idempotent diff and
 * a rules preview computes exactly what delivery would:
 * <pre>
 * RulesDecision d = Shape.decide(rulesHolder.rules(), type, source, context);
 * desired = translate(d.document())      // when d.effect() is FORWARD or DEACTIVATE
 * </pre>
 *
 * <h2>Users</h2>
 * Checked in this order, the first that fails excludes: {@code users.include} must match,
 * {@code users.exclude} must not, and with {@code users.requireGroup} at least one group of the
 * user must itself be forwarded by the group rules. Then, on a copy: {@code drop}, {@code set},
 * {@code displayName} (only when missing after the drops), {@code userName} letter case.
 * Templates read the source as the IdP sent it.
 *
 * <h2>Groups</h2>
 * {@code groups.include} must match and {@code groups.exclude} must not, on the group as the IdP
 * named it; then the first {@code groups.rename} whose pattern is found rewrites displayName (a
 * rename that would leave it blank is not applied). Two groups renamed to the same name collide
 * in Identity Center as two groups sent with one name would.
 */
public final class Shape {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ResourceSchema USER = ScimSchemas.USER_RESOURCE;
    private static final ResourceSchema GROUP = ScimSchemas.GROUP_RESOURCE;

    private Shape() {}

    /**
     * Decides one resource.
     *
     * @param rules    the rules in force ({@link RulesHolder#rules()})
     * @param type     user or group
     * @param source   the source state (canonical document); not modified
     * @param context  the user's groups, for {@code users.requireGroup}; {@link DecisionContext#none()} for groups
     */
    public static RulesDecision decide(Rules rules, ResourceType type, ObjectNode source, DecisionContext context) {
        Objects.requireNonNull(rules);
        Objects.requireNonNull(source);
        Objects.requireNonNull(context);
        return switch (type) {
            case USER -> user(rules, source, context);
            case GROUP -> group(rules, source);
        };
    }

    // ---------------------------------------------------------------- users

    private static RulesDecision user(Rules rules, ObjectNode source, DecisionContext context) {
        Rules.Users users = rules.users();
        List<Shaping> shaping = new ArrayList<>();
        ObjectNode shaped = shapeUser(users.attributes(), source, shaping);
        List<Reason> reasons = new ArrayList<>();
        DecisionRule forwardedBy = DecisionRule.USERS_DEFAULT;

        if (users.include().isPresent()) {
            Match include = users.include().get();
            if (!include.matches(source, USER)) {
                reasons.add(new Reason(DecisionRule.USERS_INCLUDE, include.line(), "not matched by '" + include.text() + "'"));
                return excludedUser(users, shaped, shaping, reasons);
            }
            reasons.add(new Reason(DecisionRule.USERS_INCLUDE, include.line(), "matched '" + include.text() + "'"));
            forwardedBy = DecisionRule.USERS_INCLUDE;
        }
        if (users.exclude().isPresent()) {
            Match exclude = users.exclude().get();
            if (exclude.matches(source, USER)) {
                reasons.add(new Reason(DecisionRule.USERS_EXCLUDE, exclude.line(), "matched '" + exclude.text() + "'"));
                return excludedUser(users, shaped, shaping, reasons);
            }
            reasons.add(new Reason(DecisionRule.USERS_EXCLUDE, exclude.line(), "not matched by '" + exclude.text() + "'"));
        }
        if (users.requireGroup()) {
            Collection<? extends JsonNode> groups = context.groupsOfUser().get();
            Optional<String> forwardedGroup = groups.stream()
                    .filter(g -> groupForwarded(rules, g))
                    .map(g -> g.path("displayName").asText())
                    .findFirst();
            if (forwardedGroup.isEmpty()) {
                reasons.add(new Reason(DecisionRule.USERS_REQUIRE_GROUP, 0, groups.isEmpty() ? "member of no group"
                        : "member of " + groups.size() + (groups.size() == 1 ? " group" : " groups") + ", none of them forwarded"));
                return excludedUser(users, shaped, shaping, reasons);
            }
            reasons.add(new Reason(DecisionRule.USERS_REQUIRE_GROUP, 0, "member of forwarded group '" + forwardedGroup.get() + "'"));
            forwardedBy = DecisionRule.USERS_REQUIRE_GROUP;
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason(DecisionRule.USERS_DEFAULT, 0, "no users rule restricts forwarding"));
        }
        return new Forwarded(ResourceType.USER, shaped, shaping, reasons, forwardedBy);
    }

    private static Excluded excludedUser(Rules.Users users, ObjectNode shaped, List<Shaping> shaping, List<Reason> reasons) {
        if (users.whenExcluded() == WhenExcluded.DEACTIVATE) {
            shaped.put("active", false);
        }
        return new Excluded(ResourceType.USER, shaped, shaping, reasons, users.whenExcluded());
    }

    private static ObjectNode shapeUser(UserAttributes rules, ObjectNode source, List<Shaping> shaping) {
        ObjectNode doc = source.deepCopy();
        for (Drop drop : rules.drop()) {
            if (drop(doc, drop)) {
                shaping.add(new Shaping.Dropped(drop.text()));
            }
        }
        for (Derivation d : rules.set()) {
            d.template().render(source, USER).ifPresent(value -> {
                if (set(doc, d, value)) {
                    shaping.add(new Shaping.Derived(d.target().toString(), "users.attributes.set." + d.target()));
                }
            });
        }
        if (rules.displayName().isPresent() && Documents.text(Documents.field(doc, "displayName")) == null) {
            rules.displayName().get().render(source, USER).ifPresent(value -> {
                Documents.put(doc, "displayName", value);
                shaping.add(new Shaping.Derived("displayName", "users.attributes.displayName"));
            });
        }
        String userName = Documents.text(Documents.field(doc, "userName"));
        if (userName != null && rules.userName() != Rules.UserNameCase.KEEP) {
            String cased = rules.userName() == Rules.UserNameCase.LOWERCASE
                    ? userName.toLowerCase(Locale.ROOT) : userName.toUpperCase(Locale.ROOT);
            if (!cased.equals(userName)) {
                Documents.put(doc, "userName", cased);
                shaping.add(new Shaping.UserNameCaseChanged(rules.userName()));
            }
        }
        return doc;
    }

    /** Removes what {@code drop} names; true when something was there. */
    private static boolean drop(ObjectNode doc, Drop drop) {
        Optional<ResourceSchema.Resolved> resolved = USER.resolve(drop.path());
        if (resolved.isEmpty()) {
            return false; // the parser only lets resolvable paths through
        }
        String schemaUrn = resolved.get().schema().id();
        ObjectNode container = Documents.container(doc, USER, schemaUrn, false);
        if (container == null) {
            return false;
        }
        String attribute = resolved.get().attribute().name();
        boolean removed;
        if (drop.elements().isPresent()) {
            removed = dropElements(container, attribute, drop);
        } else if (resolved.get().subAttribute() != null) {
            removed = dropSubAttribute(container, attribute, resolved.get().subAttribute().name());
        } else {
            removed = present(Documents.remove(container, attribute));
        }
        if (container != doc && container.isEmpty()) {
            Documents.remove(doc, schemaUrn);
        }
        return removed;
    }

    /** Removes the elements of a multi-valued attribute that the drop's value filter matches. */
    private static boolean dropElements(ObjectNode container, String attribute, Drop drop) {
        if (!(Documents.field(container, attribute) instanceof ArrayNode values)) {
            return false;
        }
        boolean removed = false;
        for (Iterator<JsonNode> it = values.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            ObjectNode alone = JSON.objectNode();
            alone.putArray(attribute).add(element);
            if (FilterEvaluator.matches(drop.elements().get(), alone, USER)) {
                it.remove();
                removed = true;
            }
        }
        if (values.isEmpty()) {
            Documents.remove(container, attribute);
        }
        return removed;
    }

    /** Removes a sub-attribute from a complex attribute, or from every element of a multi-valued one. */
    private static boolean dropSubAttribute(ObjectNode container, String attribute, String sub) {
        JsonNode value = Documents.field(container, attribute);
        boolean removed = false;
        if (value instanceof ObjectNode object) {
            removed = present(Documents.remove(object, sub));
            if (object.isEmpty()) {
                Documents.remove(container, attribute);
            }
        } else if (value instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (element instanceof ObjectNode object) {
                    removed |= present(Documents.remove(object, sub));
                }
            }
        }
        return removed;
    }

    /** Writes a derived value; true when it changed the document. */
    private static boolean set(ObjectNode doc, Derivation d, String value) {
        ObjectNode container = Documents.container(doc, USER, d.target().schema(), true);
        String attribute = d.target().attribute();
        if (d.target().subAttribute() == null) {
            if (value.equals(Documents.text(Documents.field(container, attribute)))) {
                return false;
            }
            Documents.put(container, attribute, value);
            return true;
        }
        ObjectNode parent;
        if (Documents.field(container, attribute) instanceof ObjectNode existing) {
            parent = existing;
        } else {
            Documents.remove(container, attribute);
            parent = container.putObject(attribute);
        }
        if (value.equals(Documents.text(Documents.field(parent, d.target().subAttribute())))) {
            return false;
        }
        Documents.put(parent, d.target().subAttribute(), value);
        return true;
    }

    private static boolean present(JsonNode removed) {
        return removed != null && !removed.isNull() && !(removed.isContainerNode() && removed.isEmpty());
    }

    // ---------------------------------------------------------------- groups

    /**
     * Whether the group rules forward this group (include and exclude only; no shaping): what
     * {@code users.requireGroup} asks of each group of a user.
     */
    public static boolean groupForwarded(Rules rules, JsonNode group) {
        Rules.Groups groups = rules.groups();
        return group != null && group.isObject()
                && groups.include().map(m -> m.matches(group, GROUP)).orElse(true)
                && !groups.exclude().map(m -> m.matches(group, GROUP)).orElse(false);
    }

    private static RulesDecision group(Rules rules, ObjectNode source) {
        Rules.Groups groups = rules.groups();
        List<Shaping> shaping = new ArrayList<>();
        ObjectNode shaped = source.deepCopy();
        String name = Documents.text(Documents.field(source, "displayName"));
        if (name != null) {
            for (Rules.Rename rename : groups.rename()) {
                Optional<String> renamed = rename.apply(name);
                if (renamed.isPresent()) {
                    if (!renamed.get().isBlank() && !renamed.get().equals(name)) {
                        Documents.put(shaped, "displayName", renamed.get());
                        shaping.add(new Shaping.Renamed(name, renamed.get(), rename.line()));
                    }
                    break;
                }
            }
        }
        List<Reason> reasons = new ArrayList<>();
        DecisionRule forwardedBy = DecisionRule.GROUPS_DEFAULT;
        if (groups.include().isPresent()) {
            Match include = groups.include().get();
            if (!include.matches(source, GROUP)) {
                reasons.add(new Reason(DecisionRule.GROUPS_INCLUDE, include.line(), "not matched by '" + include.text() + "'"));
                return new Excluded(ResourceType.GROUP, shaped, shaping, reasons, WhenExcluded.DELETE);
            }
            reasons.add(new Reason(DecisionRule.GROUPS_INCLUDE, include.line(), "matched '" + include.text() + "'"));
            forwardedBy = DecisionRule.GROUPS_INCLUDE;
        }
        if (groups.exclude().isPresent()) {
            Match exclude = groups.exclude().get();
            if (exclude.matches(source, GROUP)) {
                reasons.add(new Reason(DecisionRule.GROUPS_EXCLUDE, exclude.line(), "matched '" + exclude.text() + "'"));
                return new Excluded(ResourceType.GROUP, shaped, shaping, reasons, WhenExcluded.DELETE);
            }
            reasons.add(new Reason(DecisionRule.GROUPS_EXCLUDE, exclude.line(), "not matched by '" + exclude.text() + "'"));
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason(DecisionRule.GROUPS_DEFAULT, 0, "no groups rule restricts forwarding"));
        }
        return new Forwarded(ResourceType.GROUP, shaped, shaping, reasons, forwardedBy);
    }
}
