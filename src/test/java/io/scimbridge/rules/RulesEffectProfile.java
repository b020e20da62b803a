package io.scimbridge.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;
import io.scimbridge.testing.scenario.RulesFiles;

/**
 * The forwarder scenarios' bridge and Identity Center emulator, with the rules read from a file
 * the test rewrites while the bridge runs, checked every second (the scheduler's shortest
 * period). The file lives at a path derived from the process id, not in a static field, so that
 * the profile (instantiated by the test framework) and the test (loaded by Quarkus) agree on it
 * whatever class loader each of them runs in.
 */
public class RulesEffectProfile extends EmulatedIdentityCenterProfile {

    static final Path RULES_FILE = Path.of(System.getProperty("java.io.tmpdir"),
            "scim-bridge-rules-effect-" + ProcessHandle.current().pid(), "rules.yaml");

    /** Replaces the rules file in one step, as an editor's save or a deployment does. */
    static void write(String content) {
        RulesFiles.replace(RULES_FILE, content);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        if (!Files.exists(RULES_FILE)) {
            write(""); // empty: the built-in defaults, until a scenario writes its rules
            // removed when the test JVM ends (in reverse order: the file, then its directory)
            RULES_FILE.getParent().toFile().deleteOnExit();
            RULES_FILE.toFile().deleteOnExit();
        }
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.rules-file", RULES_FILE.toString());
        config.put("bridge.rules-check-interval", "1s");
        return config;
    }
}
