package io.scimbridge.it;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the built jar runs with in process tests and benchmarks: those README
 * "Performance" documents, unless {@code -Dbench.jvm="..."} names others for an experiment.
 */
public final class BridgeJvm {

    /** The documented settings: see README "Performance" (memory). */
    public static final String DOCUMENTED = "-Xmx256m";

    private BridgeJvm() {}

    public static String options() {
        String explicit = System.getProperty("bench.jvm");
        return explicit == null || explicit.isBlank() || explicit.startsWith("${") ? DOCUMENTED : explicit.strip();
    }

    static List<String> arguments() {
        return Arrays.asList(options().split("\\s+"));
    }
}
