package io.scimbridge.rules;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A rules file in a test: its {@code assignments} and {@code permissionSets} sections as the loader hands them over. */
public final class RulesYaml {

    private RulesYaml() {
    }

    public static ParsedSection<AssignmentRules> parse(String yaml) {
        Node root = new Yaml().compose(new StringReader(yaml));
        return AssignmentRulesParser.parse(section(root, "assignments"), section(root, "permissionSets"));
    }

    /** Rules that must be valid. */
    public static AssignmentRules rules(String yaml) {
        return switch (parse(yaml)) {
            case ParsedSection.Valid<AssignmentRules> valid -> valid.rules();
            case ParsedSection.Invalid<AssignmentRules> invalid -> {
                fail("rules should be valid: " + invalid.errors());
                yield null;
            }
        };
    }

    private static Node section(Node root, String name) {
        if (root instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }
}
