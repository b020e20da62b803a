package io.scimbridge.it;

import io.scimbridge.testing.MachineParts;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

/**
 * Bridge processes that share the test PostgreSQL ({@code BRIDGE_TEST_POSTGRES_URL}, which
 * {@code .ci/run} starts): the built jar re-augmented for PostgreSQL, over an emptied schema. Without
 * the URL the test is skipped with the reason (a failure where {@code -Dtest.require} asks for it).
 *
 * @param jdbc the database's URL
 * @param app  the re-augmented application
 */
record ReplicasOnPostgresql(String jdbc, Path app) {

    static ReplicasOnPostgresql prepare(Path work) throws Exception {
        String jdbc = System.getenv("BRIDGE_TEST_POSTGRES_URL");
        MachineParts.need(MachineParts.Part.POSTGRESQL, jdbc != null && !jdbc.isBlank(),
                "BRIDGE_TEST_POSTGRES_URL is not set: no PostgreSQL for two replicas to share");
        try (var c = DriverManager.getConnection(jdbc, "postgres", ""); var s = c.createStatement()) {
            s.execute("drop schema public cascade");
            s.execute("create schema public");
        }
        return new ReplicasOnPostgresql(jdbc, BridgeProcess.reaugmentedCopy(BridgeProcess.builtApp(), "postgresql",
                work.resolve("app-pg")));
    }

    /** What every replica's environment needs to use it. */
    Map<String, String> env() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbc, "QUARKUS_DATASOURCE_USERNAME", "postgres");
    }
}
