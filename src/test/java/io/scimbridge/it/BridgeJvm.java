package io.scimbridge.it;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the built jar runs with in process tests and benchmarks: those README
 * "Performance" documents, unless {@code -Dbench.jvm="..."} names others for an experiment.
 */
public final class BridgeJvm {

    /** The documented settings, as deploy/Dockerfile sets them: see README "Performance" (memory). */
    public static final String DOCUMENTED = "-Xmx128m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThresholdScaling=0.1 -XX:+ExitOnOutOfMemoryError";

    /** glibc's malloc arenas, as deploy/Dockerfile sets them (the default, 8 per core, only adds RSS here). */
    public static final String MALLOC_ARENA_MAX = "2";

    private BridgeJvm() {}

    public static String options() {
        String explicit = System.getProperty("bench.jvm");
        return explicit == null || explicit.isBlank() || explicit.startsWith("${") ? DOCUMENTED : explicit.strip();
    }

    static List<String> arguments() {
        return Arrays.asList(options().split("\\s+"));
    }
}
