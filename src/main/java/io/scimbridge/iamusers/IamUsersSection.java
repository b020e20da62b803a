package io.scimbridge.iamusers;

import io.scimbridge.rules.RulesError;
import io.scimbridge.rules.RulesSection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code iamUsers:} section, read with the rest of the rules file ({@link IamUsersRulesParser}),
 * so that {@code rules check}, the start and a reload refuse a file whose section is wrong (listed
 * in {@code META-INF/services}).
 */
public final class IamUsersSection implements RulesSection<IamUsersRules> {

    @Override
    public Set<String> keys() {
        return Set.of(IamUsersRulesParser.SECTION);
    }

    @Override
    public IamUsersRules read(Map<String, Node> nodes, List<RulesError> errors) {
        return IamUsersRulesParser.parse(nodes.get(IamUsersRulesParser.SECTION)).rulesCollectingErrors(errors);
    }
}
