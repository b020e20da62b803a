package io.scimbridge.rules;

import static io.scimbridge.rules.YamlNodes.expected;
import static io.scimbridge.rules.YamlNodes.isNull;

import io.scimbridge.rules.Rules.Derivation;
import io.scimbridge.rules.Rules.Drop;
import io.scimbridge.rules.Rules.Groups;
import io.scimbridge.rules.Rules.LaterSection;
import io.scimbridge.rules.Rules.Match;
import io.scimbridge.rules.Rules.Rename;
import io.scimbridge.rules.Rules.UserAttributes;
import io.scimbridge.rules.Rules.UserNameCase;
import io.scimbridge.rules.Rules.Users;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.FilterParser;
import io.scimbridge.scim.filter.FilterValidator;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.Mutability;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rules file into {@link Rules}, checking everything at load time so that nothing can go
 * wrong while forwarding: YAML syntax, unknown keys (with a "did you mean"), value types,
 * SCIM filters (the {@link FilterParser} and {@link FilterValidator} of {@code ?filter=}, against
 * the User or Group schema), attribute paths, templates and regular expressions. Every error of
 * the file is collected, each with its line and key; the file is used only when there is none.
 *
 * <p>SnakeYAML's node API is used (not its object mapping), so values keep their line numbers
 * and no class is ever instantiated from the file. Plain Java: no Quarkus.
 */
public final class RulesParser {

    /**
     * The filter parser's bounds for rules: operators may list many exclusions, so longer than a
     * query parameter's 4096 characters; nesting is bounded as for requests. Rules are evaluated
     * in memory, never translated to SQL, so a long exclusion list costs little: clauses are
     * bounded only to keep evaluation (and its recursion) small.
     */
    public static final FilterParser.Limits FILTER_LIMITS = new FilterParser.Limits(16_384, 32, 1000);

    private static final List<String> TOP_KEYS = List.of("users", "groups", "assignments", "permissionSets", "iamUsers",
            "protect");
    /** {@code protect:} ({@link ProtectSection}) is read with this parser's helpers, so its messages match the rest. */
    private static final List<String> PROTECT_KEYS = List.of("users", "groups");
    private static final List<String> USER_KEYS = List.of("include", "exclude", "requireGroup", "whenExcluded",
            "attributes");
    private static final List<String> ATTRIBUTE_KEYS = List.of("userName", "displayName", "set", "drop");
    private static final List<String> GROUP_KEYS = List.of("include", "exclude", "rename");
    private static final List<String> RENAME_KEYS = List.of("pattern", "to");
    private static final int MAX_FILE_CHARS = 1_000_000;

    private final List<RulesError> errors;

    private RulesParser() {
        this(new ArrayList<>());
    }

    private RulesParser(List<RulesError> errors) {
        this.errors = errors;
    }

    /** Reads and parses a rules file (UTF-8), every {@link RulesSection} included. */
    public static Rules parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of a rules file, every {@link RulesSection} on the class path included (an
     * error in any section refuses the whole file). An empty file (or only comments) gives
     * {@link Rules#DEFAULTS}.
     *
     * @throws InvalidRulesException with every error of the file
     */
    public static Rules parse(String yaml) {
        return parse(yaml, RulesSection.ALL);
    }

    /**
     * Parses the text of a rules file, and its later sections with {@code sections}: an error in
     * one of them refuses the whole file too.
     *
     * @throws InvalidRulesException with every error of the file
     */
    public static Rules parse(String yaml, Collection<? extends RulesSection<?>> sections) {
        return new RulesParser().rules(yaml, sections);
    }

    private Rules rules(String yaml, Collection<? extends RulesSection<?>> sections) {
        Node root = compose(yaml);
        if (!errors.isEmpty()) {
            throw new InvalidRulesException(errors);
        }
        if (root == null || isNull(root)) {
            return Rules.DEFAULTS;
        }
        Users users = Users.DEFAULTS;
        Groups groups = Groups.DEFAULTS;
        Map<String, LaterSection> later = new LinkedHashMap<>();
        Optional<Map<String, Entry>> top = mapping(root, "(top level)", TOP_KEYS, "");
        if (top.isPresent()) {
            for (Entry e : top.get().values()) {
                switch (e.key()) {
                    case "users" -> users = users(e.value());
                    case "groups" -> groups = groups(e.value());
                    default -> later.put(e.key(), new LaterSection(e.key(), line(e.keyNode()), e.value()));
                }
            }
        }
        Rules.ReadSections read = read(sections, later);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RulesError::line));
            throw new InvalidRulesException(errors);
        }
        return new Rules(users, groups, later, read);
    }

    private Rules.ReadSections read(Collection<? extends RulesSection<?>> sections, Map<String, LaterSection> later) {
        Map<Class<?>, Object> values = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (RulesSection<?> section : sections) {
            Map<String, Node> nodes = new LinkedHashMap<>();
            for (String key : section.keys()) {
                Optional.ofNullable(later.get(key)).ifPresent(s -> nodes.put(key, s.node()));
            }
            Object value = section.read(nodes, errors);
            if (value != null) {
                values.put(section.getClass(), value);
            }
            keys.addAll(section.keys());
        }
        return new Rules.ReadSections(values, keys);
    }

    private Node compose(String yaml) {
        if (yaml.length() > MAX_FILE_CHARS) {
            error(1, "yaml", "the file is longer than " + MAX_FILE_CHARS + " characters");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            error(mark == null ? 1 : mark.getLine() + 1, "yaml", "invalid YAML: " + problem.strip() + context
                    + (mark == null ? "" : " at column " + (mark.getColumn() + 1)));
        } catch (YAMLException e) {
            error(1, "yaml", "invalid YAML: " + e.getMessage());
        }
        return null;
    }

    // ---------------------------------------------------------------- protect

    /**
     * {@code protect: {users: [userName...], groups: [displayName...]}}: names, each once. Every
     * problem is added to {@code errors}; what is returned then is never used.
     */
    static ProtectedPrincipals protect(Node node, List<RulesError> errors) {
        RulesParser parser = new RulesParser(errors);
        Map<String, Entry> entries = parser.mapping(node, "protect", PROTECT_KEYS, "protect.").orElse(Map.of());
        return new ProtectedPrincipals(parser.protectedNames(entries.get("users"), "protect.users"),
                parser.protectedNames(entries.get("groups"), "protect.groups"));
    }

    private Set<String> protectedNames(Entry entry, String key) {
        Map<String, String> seen = new HashMap<>();
        Set<String> names = new HashSet<>();
        List<Node> items = sequence(entry, key);
        for (int i = 0; i < items.size(); i++) {
            String itemKey = key + "[" + (i + 1) + "]";
            Node item = items.get(i);
            scalarText(item, itemKey).ifPresent(name -> {
                String first = seen.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), itemKey);
                if (first != null) {
                    error(line(item), itemKey, "'" + name + "' is listed twice (first as " + first + ")");
                }
                names.add(name);
            });
        }
        return names;
    }

    // ---------------------------------------------------------------- users

    private Users users(Node node) {
        Optional<Map<String, Entry>> entries = mapping(node, "users", USER_KEYS, "users.");
        if (entries.isEmpty()) {
            return Users.DEFAULTS;
        }
        Map<String, Entry> e = entries.get();
        Optional<Match> include = filter(e.get("include"), "users.include", ScimSchemas.USER_RESOURCE);
        Optional<Match> exclude = filter(e.get("exclude"), "users.exclude", ScimSchemas.USER_RESOURCE);
        boolean requireGroup = bool(e.get("requireGroup"), "users.requireGroup").orElse(false);
        WhenExcluded whenExcluded = choice(e.get("whenExcluded"), "users.whenExcluded", WhenExcluded.values(),
                WhenExcluded::yamlName).orElse(WhenExcluded.DEACTIVATE);
        UserAttributes attributes = e.containsKey("attributes") ? attributes(e.get("attributes").value())
                : UserAttributes.DEFAULTS;
        return new Users(include, exclude, requireGroup, whenExcluded, attributes);
    }

    private UserAttributes attributes(Node node) {
        Optional<Map<String, Entry>> entries = mapping(node, "users.attributes", ATTRIBUTE_KEYS, "users.attributes.");
        if (entries.isEmpty()) {
            return UserAttributes.DEFAULTS;
        }
        Map<String, Entry> e = entries.get();
        UserNameCase userName = choice(e.get("userName"), "users.attributes.userName", UserNameCase.values(),
                UserNameCase::yamlName).orElse(UserNameCase.KEEP);
        Optional<Template> displayName = string(e.get("displayName"), "users.attributes.displayName")
                .flatMap(s -> template(s, "users.attributes.displayName", line(e.get("displayName").value())));
        List<Drop> drop = drops(e.get("drop"));
        List<Derivation> set = derivations(e.get("set"), drop);
        return new UserAttributes(userName, displayName, set, drop);
    }

    private List<Drop> drops(Entry entry) {
        List<Drop> drops = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<Node> items = sequence(entry, "users.attributes.drop");
        for (int i = 0; i < items.size(); i++) {
            String key = "users.attributes.drop[" + (i + 1) + "]";
            Node item = items.get(i);
            Optional<String> text = scalarText(item, key);
            if (text.isEmpty()) {
                continue;
            }
            Optional<Drop> drop = drop(text.get().strip(), key, line(item));
            drop.ifPresent(d -> {
                if (seen.putIfAbsent(d.text().toLowerCase(Locale.ROOT), key) != null) {
                    error(line(item), key, "'" + d.text() + "' is listed twice");
                } else {
                    drops.add(d);
                }
            });
        }
        return drops;
    }

    private Optional<Drop> drop(String text, String key, int line) {
        if (text.isEmpty()) {
            error(line, key, "empty attribute name");
            return Optional.empty();
        }
        PatchPath path;
        try {
            path = FilterParser.parsePath(text);
        } catch (ScimException e) {
            error(line, key, decapitalize(e.getMessage()));
            return Optional.empty();
        }
        if (path.subAttribute() != null) {
            error(line, key, "'" + text + "': drop removes whole elements; a sub-attribute after '[...]' is not supported"
                    + " (write '" + path.attribute() + "." + path.subAttribute() + "' to drop it from every element)");
            return Optional.empty();
        }
        Optional<ResourceSchema.Resolved> resolved = ScimSchemas.USER_RESOURCE.resolve(path.attribute());
        if (resolved.isEmpty()) {
            error(line, key, "unknown attribute '" + path.attribute() + "'"
                    + Suggestions.didYouMeanAttribute(path.attribute(), ScimSchemas.USER_RESOURCE));
            return Optional.empty();
        }
        AttributeDef attribute = resolved.get().attribute();
        if (attribute.name().equals("userName") || attribute.name().equals("active")) {
            error(line, key, "'" + attribute.name() + "' cannot be dropped: "
                    + (attribute.name().equals("userName") ? "Identity Center requires it"
                            : "it follows the IdP and users.whenExcluded"));
            return Optional.empty();
        }
        if (attribute.mutability() == Mutability.READ_ONLY || attribute.mutability() == Mutability.WRITE_ONLY) {
            error(line, key, "'" + attribute.name() + "' is not part of the source state the rules see: nothing to drop");
            return Optional.empty();
        }
        if (!path.hasValueFilter()) {
            return Optional.of(new Drop(text, path.attribute(), Optional.empty()));
        }
        Filter.ValuePath elements = new Filter.ValuePath(path.attribute(), path.valueFilter());
        try {
            FilterValidator.validate(elements, ScimSchemas.USER_RESOURCE);
        } catch (ScimException e) {
            error(line, key, decapitalize(e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(new Drop(text, path.attribute(), Optional.of(elements)));
    }

    private List<Derivation> derivations(Entry entry, List<Drop> drops) {
        if (entry == null || isNull(entry.value())) {
            return List.of();
        }
        Optional<Map<String, Entry>> entries = mapping(entry.value(), "users.attributes.set", null,
                "users.attributes.set.");
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Derivation> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Entry e : entries.get().values()) {
            String key = "users.attributes.set." + e.key();
            int line = line(e.keyNode());
            Optional<AttributePath> target = setTarget(e.key(), key, line);
            Optional<Template> template = string(e, key).flatMap(s -> template(s, key, line(e.value())));
            if (target.isEmpty() || template.isEmpty()) {
                continue;
            }
            AttributePath t = target.get();
            if (seen.putIfAbsent(t.key(), e.key()) != null) {
                error(line, key, "'" + e.key() + "' is set twice (also as '" + seen.get(t.key()) + "')");
                continue;
            }
            if (drops.stream().anyMatch(d -> d.path().key().equals(t.key()) || d.path().key().equals(t.attribute().toLowerCase(Locale.ROOT)))) {
                error(line, key, "'" + e.key() + "' is also in users.attributes.drop: an attribute cannot be both dropped and set");
                continue;
            }
            out.add(new Derivation(t, template.get()));
        }
        return out;
    }

    /** What {@code set} may write: a single-valued text attribute (or sub-attribute) the IdP could send. */
    private Optional<AttributePath> setTarget(String text, String key, int line) {
        AttributePath path;
        try {
            path = FilterParser.parseAttributePath(text, ScimException::invalidValue);
        } catch (ScimException e) {
            error(line, key, decapitalize(e.getMessage()));
            return Optional.empty();
        }
        Optional<ResourceSchema.Resolved> resolved = ScimSchemas.USER_RESOURCE.resolve(path);
        if (resolved.isEmpty()) {
            error(line, key, "unknown attribute '" + text + "'" + Suggestions.didYouMeanAttribute(path, ScimSchemas.USER_RESOURCE));
            return Optional.empty();
        }
        AttributeDef attribute = resolved.get().attribute();
        AttributeDef leaf = resolved.get().leaf();
        String problem = switch (attribute.name()) {
            case "userName" -> "userName names the user in Identity Center: only its letter case can be shaped (users.attributes.userName)";
            case "active" -> "active follows the IdP and users.whenExcluded";
            case "manager" -> "the bridge rewrites manager to the manager's Identity Center id";
            default -> {
                if (attribute.mutability() != Mutability.READ_WRITE) {
                    yield "'" + attribute.name() + "' is not an attribute the IdP sends";
                }
                if (attribute.multiValued()) {
                    yield "'" + attribute.name() + "' is multi-valued: set writes single-valued attributes only";
                }
                if (leaf.isComplex()) {
                    yield "'" + text + "' is complex: name one of its sub-attributes, e.g. '" + text + "."
                            + leaf.subAttributes().get(0).name() + "'";
                }
                if (leaf.type() != AttributeType.STRING && leaf.type() != AttributeType.REFERENCE) {
                    yield "'" + text + "' is of type " + leaf.type().name().toLowerCase(Locale.ROOT)
                            + ": templates produce text";
                }
                yield null;
            }
        };
        if (problem != null) {
            error(line, key, problem);
            return Optional.empty();
        }
        String schema = resolved.get().isExtension() ? resolved.get().schema().id() : null;
        String sub = resolved.get().subAttribute() == null ? null : resolved.get().subAttribute().name();
        return Optional.of(new AttributePath(schema, attribute.name(), sub));
    }

    // ---------------------------------------------------------------- groups

    private Groups groups(Node node) {
        Optional<Map<String, Entry>> entries = mapping(node, "groups", GROUP_KEYS, "groups.");
        if (entries.isEmpty()) {
            return Groups.DEFAULTS;
        }
        Map<String, Entry> e = entries.get();
        Optional<Match> include = filter(e.get("include"), "groups.include", ScimSchemas.GROUP_RESOURCE);
        Optional<Match> exclude = filter(e.get("exclude"), "groups.exclude", ScimSchemas.GROUP_RESOURCE);
        List<Rename> renames = new ArrayList<>();
        Entry rename = e.get("rename");
        if (rename != null && !isNull(rename.value())) {
            if (rename.value() instanceof SequenceNode list) {
                for (int i = 0; i < list.getValue().size(); i++) {
                    rename(list.getValue().get(i), "groups.rename[" + (i + 1) + "]").ifPresent(renames::add);
                }
            } else {
                rename(rename.value(), "groups.rename").ifPresent(renames::add);
            }
        }
        return new Groups(include, exclude, renames);
    }

    private Optional<Rename> rename(Node node, String key) {
        Optional<Map<String, Entry>> entries = mapping(node, key, RENAME_KEYS, key + ".");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Entry> e = entries.get();
        for (String required : RENAME_KEYS) {
            if (!e.containsKey(required)) {
                error(line(node), key, "missing '" + required + "' (a rename needs both pattern and to)");
            }
        }
        Optional<String> patternText = string(e.get("pattern"), key + ".pattern");
        Optional<String> to = string(e.get("to"), key + ".to");
        if (patternText.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        int patternLine = line(e.get("pattern").value());
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText.get());
        } catch (PatternSyntaxException ex) {
            error(patternLine, key + ".pattern", "bad regular expression '" + patternText.get() + "': "
                    + ex.getDescription() + (ex.getIndex() >= 0 ? " at index " + ex.getIndex() : ""));
            return Optional.empty();
        }
        Optional<String> problem = replacementProblem(pattern, to.get());
        if (problem.isPresent()) {
            error(line(e.get("to").value()), key + ".to", problem.get());
            return Optional.empty();
        }
        return Optional.of(new Rename(pattern, to.get(), patternLine));
    }

    /** Checks {@code $1} / {@code ${name}} / {@code \} in a replacement against the pattern's groups. */
    static Optional<String> replacementProblem(Pattern pattern, String to) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < to.length(); i++) {
            char c = to.charAt(i);
            if (c == '\\') {
                if (++i >= to.length()) {
                    return Optional.of("'" + to + "' ends with '\\' (write '\\\\' for a backslash)");
                }
            } else if (c == '$') {
                if (i + 1 >= to.length()) {
                    return Optional.of("'" + to + "' ends with '$' (write '\\$' for a dollar sign)");
                }
                char next = to.charAt(i + 1);
                if (next == '{') {
                    int close = to.indexOf('}', i + 2);
                    String name = close < 0 ? "" : to.substring(i + 2, close);
                    if (close < 0 || !pattern.namedGroups().containsKey(name)) {
                        return Optional.of("'" + to + "' refers to group '${" + name + "}', which the pattern does not name"
                                + (pattern.namedGroups().isEmpty() ? "" : " (it names " + pattern.namedGroups().keySet() + ")"));
                    }
                    i = close;
                } else if (Character.isDigit(next)) {
                    if (next - '0' > groups) {
                        return Optional.of("'" + to + "' refers to group $" + next + " but the pattern has "
                                + (groups == 0 ? "no groups" : groups == 1 ? "only 1 group" : "only " + groups + " groups"));
                    }
                    i++;
                } else {
                    return Optional.of("'" + to + "': '$' must be followed by a group number or {name}"
                            + " (write '\\$' for a dollar sign)");
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- filters and templates

    private Optional<Match> filter(Entry entry, String key, ResourceSchema schema) {
        Optional<String> text = string(entry, key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int line = line(entry.value());
        Filter filter;
        try {
            filter = FilterParser.parse(text.get(), FILTER_LIMITS);
        } catch (ScimException e) {
            error(line, key, decapitalize(e.getMessage()));
            return Optional.empty();
        }
        Optional<String> problem = sourceStateProblem(filter, schema);
        if (problem.isPresent()) {
            error(line, key, problem.get());
            return Optional.empty();
        }
        try {
            FilterValidator.validate(filter, schema);
        } catch (ScimException e) {
            error(line, key, decapitalize(e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(new Match(text.get(), filter, line));
    }

    /**
     * Rules see the source state: the resource as the IdP sent it, without what the bridge
     * computes or keeps ({@code groups}, {@code members}, {@code id}, {@code meta}). A filter on
     * those could never match as the operator expects, so it is refused. Unknown attributes get
     * a suggestion.
     */
    private static Optional<String> sourceStateProblem(Filter filter, ResourceSchema schema) {
        return switch (filter) {
            case Filter.And and -> sourceStateProblem(and.left(), schema).or(() -> sourceStateProblem(and.right(), schema));
            case Filter.Or or -> sourceStateProblem(or.left(), schema).or(() -> sourceStateProblem(or.right(), schema));
            case Filter.Not not -> sourceStateProblem(not.inner(), schema);
            case Filter.Present p -> pathProblem(p.path(), schema);
            case Filter.Comparison c -> pathProblem(c.path(), schema);
            case Filter.ValuePath vp -> pathProblem(vp.path(), schema);
        };
    }

    private static Optional<String> pathProblem(AttributePath path, ResourceSchema schema) {
        if (path.schema() == null && path.attribute().equalsIgnoreCase("schemas")) {
            return Optional.empty(); // the validator's own message
        }
        Optional<ResourceSchema.Resolved> resolved = schema.resolve(path);
        if (resolved.isEmpty()) {
            return Optional.of("unknown attribute '" + path + "' in the filter" + Suggestions.didYouMeanAttribute(path, schema));
        }
        String name = resolved.get().attribute().name();
        return switch (name) {
            case "groups" -> Optional.of("'groups' is not part of a user's source state: use users.requireGroup"
                    + " to forward users by group membership");
            case "members" -> Optional.of("'members' is not part of a group's source state: group rules match the"
                    + " group's own attributes (displayName, externalId)");
            case "id", "meta" -> Optional.of("'" + name + "' is kept by the bridge, not sent by the IdP: rules cannot match on it");
            default -> Optional.empty();
        };
    }

    private Optional<Template> template(String text, String key, int line) {
        try {
            return Optional.of(Template.parse(text, ScimSchemas.USER_RESOURCE));
        } catch (IllegalArgumentException e) {
            error(line, key, e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- YAML node helpers

    /** A key of a mapping with its nodes. */
    private record Entry(String key, Node keyNode, Node value) {}

    /**
     * The entries of a mapping node, reporting non-mappings, non-text keys, duplicate keys and
     * (when {@code allowed} is given) unknown keys. Empty when the node is null or not a mapping.
     */
    private Optional<Map<String, Entry>> mapping(Node node, String key, List<String> allowed, String prefix) {
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof MappingNode map)) {
            error(line(node), key, expected("a mapping (key: value lines)", node));
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
                error(line(keyNode), key, expected("text as a key", keyNode));
                continue;
            }
            String name = scalar.getValue();
            if (allowed != null && !allowed.contains(name)) {
                error(line(keyNode), prefix + name, "unknown key" + Suggestions.didYouMean(name, allowed)
                        + "; expected " + String.join(", ", allowed));
                continue;
            }
            if (entries.containsKey(name)) {
                error(line(keyNode), prefix + name, "duplicate key (first at line " + line(entries.get(name).keyNode()) + ")");
                continue;
            }
            entries.put(name, new Entry(name, keyNode, tuple.getValueNode()));
        }
        return Optional.of(entries);
    }

    private List<Node> sequence(Entry entry, String key) {
        if (entry == null || isNull(entry.value())) {
            return List.of();
        }
        if (!(entry.value() instanceof SequenceNode list)) {
            error(line(entry.value()), key, expected("a list such as [title, nickName]", entry.value()));
            return List.of();
        }
        return list.getValue();
    }

    /** A text value; empty when absent or null (then the default applies), or when reported as wrong. */
    private Optional<String> string(Entry entry, String key) {
        if (entry == null || isNull(entry.value())) {
            return Optional.empty();
        }
        return scalarText(entry.value(), key);
    }

    private Optional<String> scalarText(Node node, String key) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            error(line(node), key, expected("text", node));
            return Optional.empty();
        }
        if (scalar.getValue().isBlank()) {
            error(line(node), key, "is empty (leave the key out to use the default)");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    private Optional<Boolean> bool(Entry entry, String key) {
        if (entry == null || isNull(entry.value())) {
            return Optional.empty();
        }
        Node node = entry.value();
        if (node instanceof ScalarNode scalar) {
            String v = scalar.getValue().strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Optional.of(v.equals("true"));
            }
            error(line(node), key, expected("true or false", scalar.getValue()));
        } else {
            error(line(node), key, expected("true or false", node));
        }
        return Optional.empty();
    }

    private <E> Optional<E> choice(Entry entry, String key, E[] values, Function<E, String> names) {
        Optional<String> text = string(entry, key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E value : values) {
            if (names.apply(value).equalsIgnoreCase(text.get().strip())) {
                return Optional.of(value);
            }
        }
        List<String> allowed = Arrays.stream(values).map(names).toList();
        error(line(entry.value()), key, expected("one of " + String.join(", ", allowed), text.get())
                + Suggestions.didYouMean(text.get(), allowed));
        return Optional.empty();
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static String decapitalize(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private void error(int line, String key, String message) {
        errors.add(new RulesError(line, key, message));
    }
}
