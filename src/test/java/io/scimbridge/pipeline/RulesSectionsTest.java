package io.scimbridge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.BridgeMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code rules check} checks exactly the sections the server reads: a file it passes, the server loads. */
@QuarkusTest
class RulesSectionsTest {

    @Inject
    Instance<RulesSection<?>> server;

    @Test
    void theCliChecksTheSectionsTheServerReads() {
        Set<Class<?>> cli = BridgeMain.rulesSections().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> beans = server.stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(cli, beans);
    }
}
