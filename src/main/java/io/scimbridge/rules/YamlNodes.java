package io.scimbridge.rules;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one wording of every rules section parser for a value of the wrong type or shape:
 * "expected a list of rules, found 'everything'". Saying what was found lets the reader fix the
 * line without opening the file (a list where text belongs, nothing where a value belongs).
 */
public final class YamlNodes {

    private YamlNodes() {
    }

    /** {@code expected <what>, found <the node, described>}. */
    public static String expected(String what, Node found) {
        return "expected " + what + ", found " + describe(found);
    }

    /** {@code expected <what>, found '<text>'}, for a text that does not have the expected form. */
    public static String expected(String what, String found) {
        return "expected " + what + ", found '" + found + "'";
    }

    /** The node as a reader of the file sees it: "a list", "nothing", "'PT1H'". */
    public static String describe(Node node) {
        return switch (node) {
            case null -> "nothing";
            case MappingNode m when m.getValue().isEmpty() -> "an empty mapping";
            case MappingNode m -> "a mapping";
            case SequenceNode s when s.getValue().isEmpty() -> "an empty list";
            case SequenceNode s -> "a list";
            case ScalarNode s when isNull(s) -> "nothing";
            case ScalarNode s when s.getValue().isBlank() -> "empty text";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "a " + node.getNodeId();
        };
    }

    /** Absent, or YAML's null ({@code key:} with nothing after it, {@code ~}, {@code null}). */
    public static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
