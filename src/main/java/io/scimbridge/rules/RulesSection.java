package io.scimbridge.rules;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A top-level section of the rules file that another feature reads ({@code assignments:},
 * {@code permissionSets:}, ...). It is read with the rest of the file, by {@code rules check}, at
 * start, on every reload and by the preview, so an error in it refuses the whole file like an
 * error in {@code users:} does, and the feature gets the typed result from {@link Rules#section}
 * instead of parsing the YAML again. The sections of this package are built in; those of
 * features below it are listed in {@code META-INF/services/io.scimbridge.rules.RulesSection}, so
 * the CLI (plain Java, no Quarkus) and the server read the same sections without this package
 * knowing those features.
 *
 * @param <T> what the section becomes
 */
public interface RulesSection<T> {

    /** Every section: the built-in ones, then those on the class path. */
    List<RulesSection<?>> ALL = Stream.concat(
            Stream.<RulesSection<?>>of(new AssignmentsSection(), new ProtectSection()),
            ServiceLoader.load(RulesSection.class, RulesSection.class.getClassLoader()).stream()
                    .<RulesSection<?>>map(ServiceLoader.Provider::get)).toList();

    /** The top-level keys this section reads. */
    Set<String> keys();

    /**
     * Reads the nodes of its keys (a key absent from the file is absent from the map, and an empty
     * map is a file without the section). Every problem is added to {@code errors}, with its line;
     * what is returned when there are errors is never used.
     */
    T read(Map<String, Node> nodes, List<RulesError> errors);
}
