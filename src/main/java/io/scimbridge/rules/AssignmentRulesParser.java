package io.scimbridge.rules;

import static io.scimbridge.rules.YamlNodes.expected;
import static io.scimbridge.rules.YamlNodes.isNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates the {@code assignments} and {@code permissionSets} sections of the rules file (as
 * SnakeYAML nodes, so that every error names its line) into {@link AssignmentRules}, or every
 * error found (line, key, reason): never the first one only.
 *
 * <p>Shape of {@code assignments}: a list of rules, or a mapping
 * {@code {manage: managed|all, rules: [...]}} when the default {@code manage: managed} is to be
 * changed. A rule: {@code name}; {@code groups} (exact names) or {@code groupPattern} (a regex
 * matching the whole displayName, with named groups usable as {@code ${name}}); {@code permissionSets}
 * (names or ARNs); and at least one of {@code accounts}, {@code organizationalUnits},
 * {@code accountTags}; optionally {@code exceptAccounts}, {@code description} and
 * {@code revokeOnGroupRemoval} (true or false). Shape of
 * {@code permissionSets}: {@code Name: {sessionDuration: PT1H}}. Whether the permission sets,
 * accounts and OUs exist is the plan's business, not the parser's.
 */
public final class AssignmentRulesParser {

    static final Set<String> RULE_KEYS = Set.of("name", "description", "groups", "groupPattern", "permissionSets",
            "accounts", "organizationalUnits", "accountTags", "exceptAccounts", "revokeOnGroupRemoval");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern OU_OR_ROOT = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");
    /** API reference: permission set name. */
    static final Pattern PERMISSION_SET_NAME = Pattern.compile("[\\w+=,.@-]{1,32}");
    static final Pattern PERMISSION_SET_ARN = Pattern.compile(
            "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}");
    private static final String PERMISSION_SET_NAME_FORM = "a permission set name (1-32 characters of letters, digits and +=,.@_-)";
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final List<RulesError> errors = new ArrayList<>();

    private AssignmentRulesParser() {
    }

    /** Either section may be null (absent from the file). */
    public static ParsedSection<AssignmentRules> parse(Node assignments, Node permissionSets) {
        AssignmentRulesParser parser = new AssignmentRulesParser();
        AssignmentRules rules = parser.rules(assignments, permissionSets);
        return ParsedSection.of(rules, parser.errors);
    }

    private AssignmentRules rules(Node assignments, Node permissionSets) {
        AssignmentRules.Manage manage = AssignmentRules.Manage.MANAGED;
        Node ruleList = assignments;
        if (assignments instanceof MappingNode section) {
            Map<String, NodeTuple> keys = keys(section, "assignments", Set.of("manage", "rules"));
            ruleList = keys.containsKey("rules") ? keys.get("rules").getValueNode() : null;
            if (keys.containsKey("manage")) {
                Node node = keys.get("manage").getValueNode();
                String value = scalar(node, "assignments.manage");
                if ("all".equals(value)) {
                    manage = AssignmentRules.Manage.ALL;
                } else if (value != null && !value.equals("managed")) {
                    error(node, "assignments.manage", expected("'managed' (delete only what the bridge created) or 'all'", value));
                }
            }
        }
        List<AssignmentRule> rules = new ArrayList<>();
        if (ruleList instanceof SequenceNode sequence) {
            Set<String> names = new HashSet<>();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                AssignmentRule rule = rule(items.get(i), "assignments[" + i + "]");
                if (rule != null) {
                    if (!names.add(rule.name())) {
                        error(items.get(i), "assignments[" + i + "].name", "duplicate rule name '" + rule.name() + "'");
                    }
                    rules.add(rule);
                }
            }
        } else if (!isNull(ruleList)) {
            error(ruleList, assignments instanceof MappingNode ? "assignments.rules" : "assignments",
                    expected("a list of rules", ruleList));
        }
        return new AssignmentRules(rules, policies(permissionSets), manage);
    }

    private AssignmentRule rule(Node node, String at) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, at, expected("a rule (a mapping with name, groups or groupPattern, permissionSets and targets)", node));
            return null;
        }
        int before = errors.size();
        Map<String, NodeTuple> keys = keys(mapping, at, RULE_KEYS);
        String name = requiredScalar(mapping, keys, "name", at);
        if (name != null && !RULE_NAME.matcher(name).matches()) {
            error(keys.get("name").getValueNode(), at + ".name",
                    expected("1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", name));
        }
        if (keys.containsKey("description")) {
            scalar(keys.get("description").getValueNode(), at + ".description");
        }

        GroupSelector groups = null;
        Set<String> namedGroups = Set.of();
        if (keys.containsKey("groups") && keys.containsKey("groupPattern")) {
            error(keys.get("groupPattern").getKeyNode(), at, "give either 'groups' or 'groupPattern', not both");
        } else if (keys.containsKey("groups")) {
            List<String> names = strings(keys.get("groups").getValueNode(), at + ".groups", true);
            groups = new GroupSelector.Names(names);
        } else if (keys.containsKey("groupPattern")) {
            Node patternNode = keys.get("groupPattern").getValueNode();
            String pattern = scalar(patternNode, at + ".groupPattern");
            if (pattern != null) {
                try {
                    Pattern compiled = Pattern.compile(pattern);
                    namedGroups = namedGroups(pattern);
                    groups = new GroupSelector.Regex(compiled, namedGroups);
                } catch (PatternSyntaxException e) {
                    error(patternNode, at + ".groupPattern", "not a valid regular expression: "
                            + e.getDescription() + " near index " + e.getIndex());
                }
            }
        } else {
            error(mapping, at, "needs 'groups' (exact names) or 'groupPattern' (a regular expression)");
        }

        List<Template> permissionSets = List.of();
        if (keys.containsKey("permissionSets")) {
            Node psNode = keys.get("permissionSets").getValueNode();
            permissionSets = templates(psNode, at + ".permissionSets", namedGroups, true, this::checkPermissionSet);
        } else {
            error(mapping, at, "needs 'permissionSets' (names or ARNs)");
        }

        List<Template> accounts = keys.containsKey("accounts")
                ? templates(keys.get("accounts").getValueNode(), at + ".accounts", namedGroups, true, this::checkAccount)
                : List.of();
        List<String> units = keys.containsKey("organizationalUnits")
                ? strings(keys.get("organizationalUnits").getValueNode(), at + ".organizationalUnits", true) : List.of();
        checkEach(keys, "organizationalUnits", at, units, OU_OR_ROOT,
                "an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx)");
        Map<String, String> tags = keys.containsKey("accountTags")
                ? tags(keys.get("accountTags").getValueNode(), at + ".accountTags") : Map.of();
        List<String> except = keys.containsKey("exceptAccounts")
                ? strings(keys.get("exceptAccounts").getValueNode(), at + ".exceptAccounts", true) : List.of();
        checkEach(keys, "exceptAccounts", at, except, ACCOUNT_ID, "a 12-digit account id");
        if (!keys.containsKey("accounts") && !keys.containsKey("organizationalUnits") && !keys.containsKey("accountTags")) {
            error(mapping, at, "needs targets: 'accounts', 'organizationalUnits' and/or 'accountTags'");
        }
        boolean revokeOnGroupRemoval = keys.containsKey("revokeOnGroupRemoval")
                && bool(keys.get("revokeOnGroupRemoval").getValueNode(), at + ".revokeOnGroupRemoval");
        if (errors.size() > before || name == null || groups == null) {
            return null;
        }
        return new AssignmentRule(name, line(mapping), groups, permissionSets, accounts, units, tags,
                new LinkedHashSet<>(except), revokeOnGroupRemoval);
    }

    /** YAML's true or false (a quoted "true" is a string: refused, so that a typo is not read as false). */
    private boolean bool(Node node, String at) {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(node.getTag())) {
            return Set.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(Locale.ROOT)); // YAML 1.1 booleans
        }
        error(node, at, expected("true or false (unquoted)", node));
        return false;
    }

    private Map<String, PermissionSetPolicy> policies(Node section) {
        Map<String, PermissionSetPolicy> policies = new LinkedHashMap<>();
        if (isNull(section)) {
            return policies;
        }
        if (!(section instanceof MappingNode mapping)) {
            error(section, "permissionSets", expected("a mapping of permission set names to settings such as "
                    + "AdministratorAccess: { sessionDuration: PT1H }", section));
            return policies;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(tuple.getKeyNode(), "permissionSets");
            if (name == null) {
                continue;
            }
            String at = "permissionSets." + name;
            if (!PERMISSION_SET_NAME.matcher(name).matches()) {
                error(tuple.getKeyNode(), at, expected(PERMISSION_SET_NAME_FORM, name));
            }
            if (policies.containsKey(name)) {
                error(tuple.getKeyNode(), at, "listed twice");
            }
            if (!(tuple.getValueNode() instanceof MappingNode settings)) {
                error(tuple.getValueNode(), at, expected("a mapping such as { sessionDuration: PT1H }", tuple.getValueNode()));
                continue;
            }
            Map<String, NodeTuple> keys = keys(settings, at, Set.of("sessionDuration"));
            String duration = requiredScalar(settings, keys, "sessionDuration", at);
            if (duration != null && checkSessionDuration(keys.get("sessionDuration").getValueNode(), at, duration)) {
                policies.put(name, new PermissionSetPolicy(name, duration, line(tuple.getKeyNode())));
            }
        }
        return policies;
    }

    /** Identity Center accepts 1 to 12 hours, as ISO-8601 (PT1H, PT2H30M, PT12H). */
    private boolean checkSessionDuration(Node node, String at, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.compareTo(Duration.ofHours(1)) < 0 || duration.compareTo(Duration.ofHours(12)) > 0) {
                error(node, at + ".sessionDuration", expected("a duration between PT1H and PT12H", value));
                return false;
            }
            return true;
        } catch (DateTimeParseException e) {
            error(node, at + ".sessionDuration", expected("an ISO-8601 duration such as PT1H or PT8H", value));
            return false;
        }
    }

    private interface LiteralCheck {
        /** Null if fine, else what was expected ("a 12-digit account id"). */
        String check(String literal);
    }

    private String checkPermissionSet(String value) {
        if (value.startsWith("arn:")) {
            return PERMISSION_SET_ARN.matcher(value).matches() ? null
                    : "a permission set ARN (arn:aws:sso:::permissionSet/ssoins-.../ps-...)";
        }
        return PERMISSION_SET_NAME.matcher(value).matches() ? null
                : PERMISSION_SET_NAME_FORM;
    }

    private String checkAccount(String value) {
        return ACCOUNT_ID.matcher(value).matches() ? null : "a 12-digit account id";
    }

    private List<Template> templates(Node node, String at, Set<String> namedGroups, boolean nonEmpty, LiteralCheck check) {
        List<Template> templates = new ArrayList<>();
        List<Node> items = items(node, at, nonEmpty);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String key = at + "[" + i + "]";
            String value = scalar(item, key);
            if (value == null) {
                continue;
            }
            Template template;
            try {
                template = Template.ofNamedGroups(value);
            } catch (IllegalArgumentException e) {
                error(item, key, e.getMessage());
                continue;
            }
            if (template.isLiteral()) {
                String form = check.check(value);
                if (form != null) {
                    error(item, key, expected(form, value));
                    continue;
                }
            } else {
                Set<String> unknown = new LinkedHashSet<>(template.groupNames());
                unknown.removeAll(namedGroups);
                if (!unknown.isEmpty()) {
                    error(item, key, namedGroups.isEmpty()
                            ? "'${...}' refers to a groupPattern's named groups, and this rule has none"
                            : "refers to " + unknown + ", which groupPattern does not name (it names " + namedGroups + ")");
                    continue;
                }
            }
            templates.add(template);
        }
        return templates;
    }

    private void checkEach(Map<String, NodeTuple> keys, String field, String at, List<String> values, Pattern pattern,
                           String form) {
        if (!keys.containsKey(field) || !(keys.get(field).getValueNode() instanceof SequenceNode sequence)) {
            if (keys.containsKey(field) && values.size() == 1 && !pattern.matcher(values.get(0)).matches()) {
                error(keys.get(field).getValueNode(), at + "." + field, expected(form, values.get(0)));
            }
            return;
        }
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size() && i < values.size(); i++) {
            if (!pattern.matcher(values.get(i)).matches()) {
                error(items.get(i), at + "." + field + "[" + i + "]", expected(form, values.get(i)));
            }
        }
    }

    private Map<String, String> tags(Node node, String at) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            error(node, at, expected("a non-empty mapping of tag keys to values such as { env: prod }", node));
            return tags;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), at);
            String value = scalar(tuple.getValueNode(), at + "." + key);
            if (key != null && key.isEmpty()) {
                error(tuple.getKeyNode(), at, expected("a non-empty tag key", tuple.getKeyNode()));
            } else if (key != null && value != null) {
                tags.put(key, value);
            }
        }
        return tags;
    }

    /** A list of non-empty strings; a single scalar is a list of one. */
    private List<String> strings(Node node, String at, boolean nonEmpty) {
        List<String> values = new ArrayList<>();
        List<Node> items = items(node, at, nonEmpty);
        for (int i = 0; i < items.size(); i++) {
            String value = scalar(items.get(i), node instanceof SequenceNode ? at + "[" + i + "]" : at);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private List<Node> items(Node node, String at, boolean nonEmpty) {
        if (node instanceof SequenceNode sequence) {
            if (nonEmpty && sequence.getValue().isEmpty()) {
                error(node, at, expected("a non-empty list", node));
            }
            return sequence.getValue();
        }
        if (node instanceof ScalarNode && !isNull(node)) {
            return List.of(node);
        }
        error(node, at, expected("a list", node));
        return List.of();
    }

    private Map<String, NodeTuple> keys(MappingNode mapping, String at, Set<String> allowed) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                error(tuple.getKeyNode(), at, "unknown key '" + key + "'; expected one of " + sorted(allowed)
                        + (key == null ? "" : Suggestions.didYouMean(key, sorted(allowed))));
            } else if (keys.putIfAbsent(key, tuple) != null) {
                error(tuple.getKeyNode(), at + "." + key, "given twice");
            }
        }
        return keys;
    }

    private String requiredScalar(MappingNode mapping, Map<String, NodeTuple> keys, String key, String at) {
        if (!keys.containsKey(key)) {
            error(mapping, at, "needs '" + key + "'");
            return null;
        }
        return scalar(keys.get(key).getValueNode(), at + "." + key);
    }

    /** A non-empty string scalar, or an error. */
    private String scalar(Node node, String at) {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            if (scalar.getValue().isBlank()) {
                error(node, at, expected("a non-empty text", node));
                return null;
            }
            return scalar.getValue();
        }
        error(node, at, expected("a single value", node));
        return null;
    }

    private static Set<String> namedGroups(String pattern) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAMED_GROUP.matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private void error(Node node, String key, String reason) {
        errors.add(new RulesError(line(node), key, reason));
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
