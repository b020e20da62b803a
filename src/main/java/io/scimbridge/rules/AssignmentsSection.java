package io.scimbridge.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code assignments:} and {@code permissionSets:} sections, read with the rest of the rules
 * file ({@link AssignmentRulesParser}), so that {@code rules check}, the start and a reload refuse
 * a file whose assignments are wrong (built into {@link RulesSection#ALL}).
 */
public final class AssignmentsSection implements RulesSection<AssignmentRules> {

    @Override
    public Set<String> keys() {
        return Set.of("assignments", "permissionSets");
    }

    @Override
    public AssignmentRules read(Map<String, Node> nodes, List<RulesError> errors) {
        return AssignmentRulesParser.parse(nodes.get("assignments"), nodes.get("permissionSets"))
                .rulesCollectingErrors(errors);
    }
}
