package io.scimbridge.it;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the built jar runs with as its own process: in benchmarks those the image sets
 * (README "Performance"), in the process tests of {@code ./mvnw verify} the same heap and
 * collector with the quick compiler; {@code -Dbench.jvm="..."} names others for an experiment.
 */
public final class BridgeJvm {

    /** The documented settings, as deploy/Dockerfile sets them: see README "Performance" (memory). */
    public static final String DOCUMENTED = "-Xmx128m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThresholdScaling=0.1 -XX:+ExitOnOutOfMemoryError";

    /** glibc's malloc arenas, as deploy/Dockerfile sets them (the default, 8 per core, only adds RSS here). */
    public static final String MALLOC_ARENA_MAX = "2";

    private BridgeJvm() {}

    /**
     * The process tests' (kill -9 loops, replicas, restarts): the image's heap and collector, so a
     * bridge that needs more memory than it gets fails here too, but C1 only. Their bridges live
     * seconds between kills; with the image's C2-only compiler each one spent its first minute
     * compiling (about 10,000 C2 compilations), half of the process tests' CPU. What is tested
     * (what survives a kill, what two replicas do) does not depend on the compiler.
     */
    public static final String PROCESS_TESTS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    public static String options() {
        String explicit = System.getProperty("bench.jvm");
        if (explicit != null && !explicit.isBlank() && !explicit.startsWith("${")) {
            return explicit.strip();
        }
        // set by the bench profile: figures are measured with what the image runs
        return Boolean.getBoolean("bench.run") ? DOCUMENTED : PROCESS_TESTS;
    }

    static List<String> arguments() {
        return Arrays.asList(options().split("\\s+"));
    }
}
