package io.scimbridge.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code protect:} section, read with the rest of the rules file like every other section,
 * so the guard, delivery and the admin API get the typed {@link ProtectedPrincipals} of the rules
 * in force instead of reading the YAML again.
 */
public final class ProtectSection implements RulesSection<ProtectedPrincipals> {

    @Override
    public Set<String> keys() {
        return Set.of("protect");
    }

    @Override
    public ProtectedPrincipals read(Map<String, Node> nodes, List<RulesError> errors) {
        Node protect = nodes.get("protect");
        return protect == null ? ProtectedPrincipals.NONE : RulesParser.protect(protect, errors);
    }
}
