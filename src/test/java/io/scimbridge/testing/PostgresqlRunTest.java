package io.scimbridge.testing;

import org.junit.jupiter.api.Test;

/**
 * The scenarios tagged {@code postgresql} run a second time on a real PostgreSQL only when
 * {@code BRIDGE_TEST_POSTGRES_URL} names one (Maven profile {@code postgresql-tests}). This test
 * makes that visible in the report: skipped with the reason when none is given, failed when CI
 * requires PostgreSQL and has none.
 */
class PostgresqlRunTest {

    @Test
    void thePostgresqlScenariosHaveADatabase() {
        String url = System.getenv("BRIDGE_TEST_POSTGRES_URL");
        MachineParts.need(MachineParts.Part.POSTGRESQL, url != null && !url.isBlank(),
                "BRIDGE_TEST_POSTGRES_URL is not set: the scenarios tagged postgresql did not run on PostgreSQL");
    }
}
