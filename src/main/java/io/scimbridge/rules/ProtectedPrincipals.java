package io.scimbridge.rules;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rules file's {@code protect:} section: users (by userName) and groups (by displayName) the
 * bridge never deactivates, deletes, removes from a group, strips of an assignment or revokes
 * sessions for in AWS (break-glass users, Control Tower's groups). Names compare case-insensitively.
 * The section was checked by {@link RulesParser}; read here from the rules in force.
 */
public record ProtectedPrincipals(Set<String> userNames, Set<String> groupNames) {

    public static final ProtectedPrincipals NONE = new ProtectedPrincipals(Set.of(), Set.of());

    public ProtectedPrincipals {
        userNames = lower(userNames);
        groupNames = lower(groupNames);
    }

    public static ProtectedPrincipals of(Rules rules) {
        Rules.LaterSection section = rules.laterSections().get("protect");
        if (section == null || !(section.node() instanceof MappingNode map)) {
            return NONE;
        }
        Set<String> users = Set.of();
        Set<String> groups = Set.of();
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                Set<String> names = names(tuple.getValueNode());
                if (key.getValue().equals("users")) {
                    users = names;
                } else if (key.getValue().equals("groups")) {
                    groups = names;
                }
            }
        }
        return new ProtectedPrincipals(users, groups);
    }

    public boolean user(String userName) {
        return userName != null && userNames.contains(userName.strip().toLowerCase(Locale.ROOT));
    }

    public boolean group(String displayName) {
        return displayName != null && groupNames.contains(displayName.strip().toLowerCase(Locale.ROOT));
    }

    /** The summary line of {@code rules check}. */
    String describe() {
        return "protect: " + userNames.size() + " user(s), " + groupNames.size()
                + " group(s), never deactivated, deleted or stripped in AWS";
    }

    public boolean isEmpty() {
        return userNames.isEmpty() && groupNames.isEmpty();
    }

    private static Set<String> names(Node node) {
        if (!(node instanceof SequenceNode list)) {
            return Set.of();
        }
        return list.getValue().stream().filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue())
                .collect(Collectors.toSet());
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
