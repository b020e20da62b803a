package io.scimbridge.pipeline;

import java.util.List;
import java.util.ServiceLoader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A feature's own validation of its top-level section of the rules file (one of
 * {@link RulesParser#LATER_SECTIONS}), run by the parser so that {@code rules check} and a reload
 * refuse a file whose section is wrong, with line numbers, without the pipeline knowing the
 * feature. Implementations are listed in {@code META-INF/services/io.scimbridge.pipeline.SectionCheck}
 * (plain Java: the CLI runs without Quarkus).
 */
public interface SectionCheck {

    /** Every check on the class path. */
    List<SectionCheck> ALL = ServiceLoader.load(SectionCheck.class, SectionCheck.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get).toList();

    /** The top-level key it validates, e.g. {@code iamUsers}. */
    String section();

    /** Every error of the section (empty when valid). */
    List<RulesError> check(Node section);
}
