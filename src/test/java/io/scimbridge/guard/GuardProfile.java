package io.scimbridge.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.ManualDeliveryProfile;
import io.scimbridge.testing.scenario.RulesFiles;

/**
 * Delivery staged by the test (the loop is stopped, as in {@link ManualDeliveryProfile}), with the
 * deprovisioning guard on at its defaults (20 subjects, 10 %, one hour) and a rules file the test
 * rewrites and reloads: the safety rails' scenarios.
 */
public class GuardProfile extends ManualDeliveryProfile {

    static final Path RULES_FILE = Path.of(System.getProperty("java.io.tmpdir"),
            "scim-bridge-guard-" + ProcessHandle.current().pid(), "rules.yaml");

    /** Replaces the rules file in one step, as an editor's save or a deployment does. */
    static void write(String content) {
        RulesFiles.replace(RULES_FILE, content);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        if (!Files.exists(RULES_FILE)) {
            write("");
            RULES_FILE.getParent().toFile().deleteOnExit();
            RULES_FILE.toFile().deleteOnExit();
        }
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.guard.max-deprovisions", "20");
        config.put("bridge.guard.max-percent", "10");
        config.put("bridge.guard.window", "1h");
        config.put("bridge.rules-file", RULES_FILE.toString());
        // the scenarios reload the file themselves (RulesHolder#reloadNow), and run assignments themselves
        config.put("bridge.rules-check-interval", "1h");
        config.put("bridge.assignments.check-interval", "1h");
        config.put("bridge.assignments.drift-interval", "1h");
        return config;
    }
}
