package io.scimbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.FilterEvaluator;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The operator's rules file, parsed and validated ({@link RulesParser}): which users and groups
 * reach Identity Center and how their attributes are shaped. Immutable; {@link #DEFAULTS} (forward
 * everything, shape nothing) applies when there is no file.
 *
 * @param users         {@code users:}
 * @param groups        {@code groups:}
 * @param laterSections top-level sections that other features read ({@code assignments:},
 *                      {@code permissionSets:}), kept as YAML nodes with their line numbers
 * @param sections      what the file's later sections became, read by the {@link RulesSection}s
 *                      it was parsed with
 */
public record Rules(Users users, Groups groups, Map<String, LaterSection> laterSections, ReadSections sections) {

    /** No file: every user and group is forwarded as the IdP sent it. */
    public static final Rules DEFAULTS = new Rules(Users.DEFAULTS, Groups.DEFAULTS, Map.of(), ReadSections.NONE);

    public Rules {
        Objects.requireNonNull(users);
        Objects.requireNonNull(groups);
        laterSections = Map.copyOf(laterSections);
        Objects.requireNonNull(sections);
    }

    /**
     * What {@code section} read from this file; empty when the file was parsed without it (a
     * rules file the feature never saw, e.g. {@link #DEFAULTS}).
     */
    public <T> Optional<T> section(Class<? extends RulesSection<T>> section) {
        @SuppressWarnings("unchecked")
        T value = (T) sections.values().get(section);
        return Optional.ofNullable(value);
    }

    /**
     * The {@code assignments:} and {@code permissionSets:} sections ({@link AssignmentsSection});
     * none when the file has neither.
     */
    public AssignmentRules assignments() {
        return section(AssignmentsSection.class).orElse(AssignmentRules.empty());
    }

    /**
     * The later sections as read by their features.
     *
     * @param values what each {@link RulesSection} made of its keys, by the section's class
     * @param keys   the top-level keys those sections read (and so checked)
     */
    public record ReadSections(Map<Class<?>, Object> values, Set<String> keys) {
        public static final ReadSections NONE = new ReadSections(Map.of(), Set.of());

        public ReadSections {
            values = Map.copyOf(values);
            keys = Set.copyOf(keys);
        }
    }

    /**
     * Whether both rule sets forward and shape the same way: false when a reload can change what
     * Identity Center should hold for some user or group (line numbers and comments do not count).
     * {@link #laterSections} are not compared.
     */
    public boolean sameForwarding(Rules other) {
        return other != null && users.equals(other.users) && groups.equals(other.groups);
    }

    /** A few lines for the CLI, the log and the health check. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("users: " + users.describe());
        lines.add("groups: " + groups.describe());
        laterSections.keySet().stream().sorted().forEach(k -> lines.add(k.equals("protect")
                ? ProtectedPrincipals.of(this).describe()
                : k + (sections.keys().contains(k) ? ": present, checked" : ": present (read by its own feature, not checked here)")));
        return lines;
    }

    // ---------------------------------------------------------------- users

    /**
     * @param include      when present, only users it matches are forwarded
     * @param exclude      when present, users it matches are not forwarded (wins over include)
     * @param requireGroup forward a user only while at least one forwarded group contains it
     * @param whenExcluded what happens in Identity Center to a forwarded user that stops matching
     * @param attributes   how the documents of forwarded users are shaped
     */
    public record Users(Optional<Match> include, Optional<Match> exclude, boolean requireGroup,
                        WhenExcluded whenExcluded, UserAttributes attributes) {

        public static final Users DEFAULTS = new Users(Optional.empty(), Optional.empty(), false,
                WhenExcluded.DEACTIVATE, UserAttributes.DEFAULTS);

        public Users {
            Objects.requireNonNull(include);
            Objects.requireNonNull(exclude);
            Objects.requireNonNull(whenExcluded);
            Objects.requireNonNull(attributes);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            include.ifPresent(m -> parts.add("include " + m.describe()));
            exclude.ifPresent(m -> parts.add("exclude " + m.describe()));
            if (requireGroup) {
                parts.add("requireGroup");
            }
            parts.add("whenExcluded " + whenExcluded.yamlName());
            String shaping = attributes.describe();
            if (!shaping.isEmpty()) {
                parts.add(shaping);
            }
            return include.isEmpty() && exclude.isEmpty() && !requireGroup
                    ? "all forwarded; " + String.join("; ", parts) : String.join("; ", parts);
        }
    }

    /**
     * @param userName    letter case of userName
     * @param displayName a template used only when the user has no displayName
     * @param set         attributes always overwritten by a template (in file order)
     * @param drop        attributes (or elements of multi-valued ones) removed before delivery
     */
    public record UserAttributes(UserNameCase userName, Optional<Template> displayName, List<Derivation> set,
                                 List<Drop> drop) {

        public static final UserAttributes DEFAULTS = new UserAttributes(UserNameCase.KEEP, Optional.empty(),
                List.of(), List.of());

        public UserAttributes {
            Objects.requireNonNull(userName);
            Objects.requireNonNull(displayName);
            set = List.copyOf(set);
            drop = List.copyOf(drop);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (userName != UserNameCase.KEEP) {
                parts.add("userName " + userName.yamlName());
            }
            displayName.ifPresent(t -> parts.add("displayName when missing '" + t.text() + "'"));
            set.forEach(d -> parts.add("set " + d.target() + " '" + d.template().text() + "'"));
            if (!drop.isEmpty()) {
                parts.add("drop " + String.join(", ", drop.stream().map(Drop::text).toList()));
            }
            return String.join("; ", parts);
        }
    }

    /** {@code users.attributes.userName}. */
    public enum UserNameCase {
        LOWERCASE, UPPERCASE, KEEP;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One entry of {@code users.attributes.set}: {@code target} always gets the rendered template. */
    public record Derivation(AttributePath target, Template template) {}

    /**
     * One entry of {@code users.attributes.drop}: an attribute ({@code title}), a sub-attribute
     * ({@code name.middleName}, {@code addresses.region}), an extension attribute (URN-qualified or
     * not), or the elements of a multi-valued attribute that a value filter selects
     * ({@code phoneNumbers[type eq "fax"]}).
     *
     * @param text     as written in the file
     * @param path     what is dropped (or where the elements are)
     * @param elements present for a value filter: only the elements it matches are dropped
     */
    public record Drop(String text, AttributePath path, Optional<Filter.ValuePath> elements) {}

    // ---------------------------------------------------------------- groups

    /**
     * @param include when present, only groups it matches are forwarded
     * @param exclude when present, groups it matches are not forwarded (wins over include)
     * @param rename  applied to displayName in order; the first whose pattern is found renames
     */
    public record Groups(Optional<Match> include, Optional<Match> exclude, List<Rename> rename) {

        public static final Groups DEFAULTS = new Groups(Optional.empty(), Optional.empty(), List.of());

        public Groups {
            Objects.requireNonNull(include);
            Objects.requireNonNull(exclude);
            rename = List.copyOf(rename);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            include.ifPresent(m -> parts.add("include " + m.describe()));
            exclude.ifPresent(m -> parts.add("exclude " + m.describe()));
            rename.forEach(r -> parts.add("rename '" + r.pattern().pattern() + "' to '" + r.to() + "'"));
            return parts.isEmpty() ? "all forwarded as sent" : String.join("; ", parts);
        }
    }

    /**
     * {@code groups.rename}: the first match of {@code pattern} in a group's displayName is
     * replaced by {@code to} ({@code $1}, {@code ${name}} refer to the pattern's groups).
     */
    public record Rename(Pattern pattern, String to, int line) {

        /** The new name, or empty when the pattern is not found in {@code displayName}. */
        public Optional<String> apply(String displayName) {
            Matcher m = pattern.matcher(displayName);
            return m.find() ? Optional.of(m.replaceFirst(to)) : Optional.empty();
        }

        /** Equal when pattern, flags and replacement are: the line does not matter. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Rename r && r.pattern.pattern().equals(pattern.pattern())
                    && r.pattern.flags() == pattern.flags() && r.to.equals(to);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pattern.pattern(), pattern.flags(), to);
        }
    }

    // ---------------------------------------------------------------- shared

    /**
     * A SCIM filter of the rules file ({@code include}, {@code exclude}), parsed by the same
     * {@link io.scimbridge.scim.filter.FilterParser} and evaluated by the same
     * {@link FilterEvaluator} as {@code GET /Users?filter=}.
     *
     * @param text   as written in the file
     * @param filter the parsed filter, already validated against the resource type's schema
     * @param line   1-based line in the rules file, for explanations
     */
    public record Match(String text, Filter filter, int line) {

        public boolean matches(JsonNode document, ResourceSchema schema) {
            return FilterEvaluator.matches(filter, document, schema);
        }

        String describe() {
            return "'" + text + "' (line " + line + ")";
        }

        /** Equal when the filters are: spacing, quoting and line numbers do not matter. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Match m && m.filter.equals(filter);
        }

        @Override
        public int hashCode() {
            return filter.hashCode();
        }
    }

    /**
     * A top-level section that belongs to another feature ({@code assignments},
     * {@code permissionSets}): accepted and kept as parsed YAML, with its line, for that feature's
     * own validation.
     */
    public record LaterSection(String key, int line, Node node) {}
}
