package io.scimbridge.assignments;

import io.scimbridge.rules.RulesError;
import io.scimbridge.rules.RulesSection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code assignments:} and {@code permissionSets:} sections, read with the rest of the rules
 * file ({@link AssignmentRulesParser}), so that {@code rules check}, the start and a reload refuse
 * a file whose assignments are wrong (listed in {@code META-INF/services}).
 */
public final class AssignmentsSection implements RulesSection<AssignmentRules> {

    @Override
    public Set<String> keys() {
        return Set.of("assignments", "permissionSets");
    }

    @Override
    public AssignmentRules read(Map<String, Node> nodes, List<RulesError> errors) {
        return switch (AssignmentRulesParser.parse(nodes.get("assignments"), nodes.get("permissionSets"))) {
            case AssignmentRulesParser.Result.Valid valid -> valid.rules();
            case AssignmentRulesParser.Result.Invalid invalid -> {
                invalid.errors().forEach(e -> errors.add(new RulesError(e.line(), e.key(), e.reason())));
                yield null;
            }
        };
    }
}
