package io.scimbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenarios tagged {@code postgresql} run a second time on a real PostgreSQL only when
 * {@code BRIDGE_TEST_POSTGRES_URL} names one (Maven profile {@code postgresql-tests}). This test
 * makes that visible in the report: skipped with the reason when none is given, failed when CI
 * requires PostgreSQL and has none.
 */
class PostgresqlRunTest {

    /** The classes the PostgreSQL run is handed (the profile's surefire includesFile). */
    static final Path LIST = Path.of("src/test/postgresql-scenarios.txt");
    static final Path TEST_SOURCES = Path.of("src/test/java");

    @Test
    void thePostgresqlScenariosHaveADatabase() {
        String url = System.getenv("BRIDGE_TEST_POSTGRES_URL");
        MachineParts.need(MachineParts.Part.POSTGRESQL, url != null && !url.isBlank(),
                "BRIDGE_TEST_POSTGRES_URL is not set: the scenarios tagged postgresql did not run on PostgreSQL");
    }

    /**
     * A class tagged postgresql but missing from the list would silently never run on
     * PostgreSQL; one listed but not tagged would be handed over and filtered out, costing an
     * application build for nothing.
     */
    @Test
    void thePostgresqlRunIsHandedExactlyTheTaggedClasses() throws IOException {
        List<String> listed = Files.readAllLines(LIST).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        List<String> tagged;
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            tagged = files.filter(f -> f.toString().endsWith(".java") && tagged(f))
                    .map(f -> TEST_SOURCES.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
        assertEquals(tagged, listed, LIST + " lists the classes tagged @Tag(\"postgresql\")");
    }

    private static boolean tagged(Path source) {
        try {
            return Files.readString(source).contains("@Tag(\"postgresql\")");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
