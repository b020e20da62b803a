package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator's typo in {@code bridge.assignments.*} stops the bridge instead of changing what it does. */
class AssignmentsConfigTest {

    @Test
    void theDocumentedValuesAreRead() {
        AssignmentsConfig config = config(Map.of("bridge.assignments.mode", "plan-only",
                "bridge.assignments.check-interval", "2s"));
        assertEquals(AssignmentsConfig.Mode.PLAN_ONLY, config.mode());
        assertEquals(Duration.ofSeconds(2), config.checkInterval());
        assertEquals(AssignmentsConfig.Mode.APPLY, config(Map.of()).mode(), "apply by default");
    }

    @Test
    void aMisspeltModeIsRefusedRatherThanTakenForPlanOnly() {
        Exception refused = assertThrows(Exception.class, () -> config(Map.of("bridge.assignments.mode", "aply")));
        assertTrue(String.valueOf(refused.getMessage()).contains("bridge.assignments.mode"), refused.getMessage());
    }

    @Test
    void aMisspeltKeyIsRefused() {
        Exception refused = assertThrows(Exception.class, () -> config(Map.of("bridge.assignments.chek-interval", "1s")));
        assertTrue(String.valueOf(refused.getMessage()).contains("chek-interval"), refused.getMessage());
    }

    private static AssignmentsConfig config(Map<String, String> properties) {
        // "5s" is Quarkus's duration syntax, which plain SmallRye Config does not read
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AssignmentsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "operator", 500)).build();
        return config.getConfigMapping(AssignmentsConfig.class);
    }
}
