package io.scimbridge.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Parts of the machine a few tests need and a fresh machine lacks (Chromium, PostgreSQL). Without
 * them such a test is skipped, with the reason in the report, so the README's test command passes
 * on any machine with Java 21+; CI names the parts it provides ({@code -Dtest.require=chromium,postgresql},
 * as {@code .ci/run} does) and their absence then fails the test, so CI cannot stop testing them
 * silently.
 */
public final class MachineParts {

    /** A part of the machine a test can require. */
    public enum Part {
        CHROMIUM, POSTGRESQL;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private MachineParts() {}

    /** Returns when {@code present}; otherwise skips the test, or fails it when CI requires the part. */
    public static void need(Part part, boolean present, String whatIsMissing) {
        if (present) {
            return;
        }
        if (required().contains(part.key())) {
            fail(whatIsMissing + " (required here by -Dtest.require)");
        }
        Assumptions.abort(whatIsMissing + " - skipped; .ci/run provides it");
    }

    private static Set<String> required() {
        return Arrays.stream(System.getProperty("test.require", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
