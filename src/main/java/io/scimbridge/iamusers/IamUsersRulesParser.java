package io.scimbridge.iamusers;

import static io.scimbridge.rules.YamlNodes.expected;
import static io.scimbridge.rules.YamlNodes.isNull;

import io.scimbridge.rules.ParsedSection;
import io.scimbridge.rules.RulesError;
import io.scimbridge.rules.Suggestions;
import io.scimbridge.rules.Template;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

/**
 * Validates the {@code iamUsers} section into {@link IamUsersRules}, every error with its line:
 * <pre>
 * iamUsers:
 *   match:                                  # besides user name / email tag = userName / email
 *     - iamUser: '(?&lt;first&gt;[a-z]+)\.(?&lt;last&gt;[a-z]+)-admin'
 *       person: '${first}.${last}@example.com'
 *     - tag: owner
 *   keep: [break-glass, 111122223333/legacy-ci]
 *   retire:
 *     after: 14d                            # person-migrated: days without use before stage 1
 *     quietPeriod: 30d                      # stage 1 to stage 2 without any use
 * </pre>
 * Durations: {@code 14d}, {@code 36h}, {@code 90m} or ISO 8601 ({@code P14D}).
 */
public final class IamUsersRulesParser {

    static final String SECTION = "iamUsers";
    private static final Set<String> KEYS = Set.of("match", "keep", "retire");
    private static final Set<String> RETIRE_KEYS = Set.of("after", "quietPeriod");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,5})([dhm])");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    /** API reference: user names are 1..64 of [\w+=,.@-]. */
    private static final Pattern KEEP_ENTRY = Pattern.compile("(\\d{12}/)?[\\w+=,.@-]{1,64}");

    private final List<RulesError> errors = new ArrayList<>();

    private IamUsersRulesParser() {
    }

    /** The section's node, null when the file has none (the defaults). */
    public static ParsedSection<IamUsersRules> parse(Node section) {
        IamUsersRulesParser parser = new IamUsersRulesParser();
        IamUsersRules rules = parser.rules(section);
        return ParsedSection.of(rules, parser.errors);
    }

    private IamUsersRules rules(Node section) {
        if (isNull(section)) {
            return IamUsersRules.DEFAULTS;
        }
        Map<String, Node> keys = keys(section, SECTION, KEYS);
        List<IamUsersRules.MatchRule> match = keys.containsKey("match") ? match(keys.get("match")) : List.of();
        Set<String> keep = keys.containsKey("keep") ? keep(keys.get("keep")) : Set.of();
        Duration after = IamUsersRules.DEFAULT_RETIRE_AFTER;
        Duration quiet = IamUsersRules.DEFAULT_QUIET_PERIOD;
        if (keys.containsKey("retire") && !isNull(keys.get("retire"))) {
            Map<String, Node> retire = keys(keys.get("retire"), SECTION + ".retire", RETIRE_KEYS);
            if (retire.containsKey("after")) {
                after = duration(retire.get("after"), SECTION + ".retire.after", after);
            }
            if (retire.containsKey("quietPeriod")) {
                quiet = duration(retire.get("quietPeriod"), SECTION + ".retire.quietPeriod", quiet);
            }
        }
        return new IamUsersRules(match, keep, after, quiet);
    }

    private List<IamUsersRules.MatchRule> match(Node node) {
        List<IamUsersRules.MatchRule> rules = new ArrayList<>();
        if (!(node instanceof SequenceNode sequence)) {
            error(node, SECTION + ".match", expected("a list of {iamUser, person} or {tag} rules", node));
            return rules;
        }
        for (int i = 0; i < sequence.getValue().size(); i++) {
            String at = SECTION + ".match[" + (i + 1) + "]";
            Node item = sequence.getValue().get(i);
            Map<String, Node> keys = keys(item, at, Set.of("iamUser", "person", "tag"));
            if (keys.containsKey("tag") && keys.size() == 1) {
                String tag = scalar(keys.get("tag"), at + ".tag");
                if (tag != null) {
                    rules.add(new IamUsersRules.MatchRule.TagValue(tag));
                }
            } else if (keys.containsKey("iamUser") && keys.containsKey("person") && keys.size() == 2) {
                namePattern(keys.get("iamUser"), keys.get("person"), at).ifPresent(rules::add);
            } else if (item instanceof MappingNode) {
                error(item, at, "a rule is either {iamUser: REGEX, person: TEMPLATE} or {tag: KEY}");
            }
        }
        return rules;
    }

    private java.util.Optional<IamUsersRules.MatchRule> namePattern(Node patternNode, Node personNode, String at) {
        String pattern = scalar(patternNode, at + ".iamUser");
        String person = scalar(personNode, at + ".person");
        if (pattern == null || person == null) {
            return java.util.Optional.empty();
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            error(patternNode, at + ".iamUser", "not a regular expression: " + e.getDescription());
            return java.util.Optional.empty();
        }
        Set<String> groups = new LinkedHashSet<>();
        Matcher named = NAMED_GROUP.matcher(pattern);
        while (named.find()) {
            groups.add(named.group(1));
        }
        Template template;
        try {
            template = Template.ofNamedGroups(person);
        } catch (IllegalArgumentException e) {
            error(personNode, at + ".person", e.getMessage());
            return java.util.Optional.empty();
        }
        boolean ok = true;
        for (String name : template.groupNames()) {
            if (!groups.contains(name)) {
                error(personNode, at + ".person", "${" + name + "} is not a named group of iamUser "
                        + (groups.isEmpty() ? "(it has none)" : groups));
                ok = false;
            }
        }
        return ok ? java.util.Optional.of(new IamUsersRules.MatchRule.NamePattern(compiled, template))
                : java.util.Optional.empty();
    }

    private Set<String> keep(Node node) {
        Set<String> keep = new LinkedHashSet<>();
        if (!(node instanceof SequenceNode sequence)) {
            error(node, SECTION + ".keep", expected("a list of IAM user names (NAME or ACCOUNT/NAME)", node));
            return keep;
        }
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String name = scalar(item, SECTION + ".keep[" + (i + 1) + "]");
            if (name == null) {
                continue;
            }
            if (!KEEP_ENTRY.matcher(name).matches()) {
                error(item, SECTION + ".keep[" + (i + 1) + "]",
                        expected("an IAM user name (1-64 of letters, digits, _+=,.@-), optionally after ACCOUNT/", name));
            } else if (!keep.add(name.toLowerCase(Locale.ROOT))) {
                error(item, SECTION + ".keep[" + (i + 1) + "]", "'" + name + "' is listed twice");
            }
        }
        return keep;
    }

    private Duration duration(Node node, String at, Duration fallback) {
        String text = scalar(node, at);
        if (text == null) {
            return fallback;
        }
        Matcher shortForm = SHORT_DURATION.matcher(text.strip());
        Duration duration = null;
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                duration = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                error(node, at, expected("a duration such as 14d, 36h, 90m or ISO 8601 P14D", text));
                return fallback;
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            error(node, at, expected("a duration longer than zero", text));
            return fallback;
        }
        return duration;
    }

    private Map<String, Node> keys(Node node, String at, Set<String> allowed) {
        Map<String, Node> keys = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            error(node, at, expected("a mapping with " + String.join(", ", allowed.stream().sorted().toList()), node));
            return keys;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                error(tuple.getKeyNode(), at + "." + key, "unknown key; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + Suggestions.didYouMean(key, allowed));
            } else if (keys.put(key, tuple.getValueNode()) != null) {
                error(tuple.getKeyNode(), at + "." + key, "given twice");
            }
        }
        return keys;
    }

    private String scalar(Node node, String at) {
        if (node instanceof ScalarNode s && !isNull(s) && !s.getValue().isBlank()) {
            return s.getValue();
        }
        error(node, at, expected("a non-empty text", node));
        return null;
    }

    private void error(Node node, String key, String message) {
        errors.add(new RulesError(node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1, key, message));
    }
}
