package io.scimbridge.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three fault drills at documented sizes, on the built jar; runs only when named:
 * {@code ./mvnw verify -Dit.test=FaultDrillsBenchIT -Dbench.drill.kills=50 -Dbench.drill.users=2000
 * -Dbench.drill.outage=30s}. Prints one line per drill and a table, writes
 * {@code <build dir>/bench/drills.json}, and fails if any drill lost or duplicated something, or if
 * the IdP got a 500 (or a 503/429 without Retry-After) instead of a SCIM "retry later".
 * {@code -Dbench.drill.only=kill,outage,postgresql} picks drills; {@code -Ddrill.seed=N} replays.
 * The PostgreSQL drill needs Debian's PostgreSQL binaries (.ci/run installs them).
 */
class FaultDrillsBenchIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void faultDrills() throws Exception {
        int users = Integer.getInteger("bench.drill.users", 2000);
        int kills = Integer.getInteger("bench.drill.kills", 50);
        Duration outage = Duration.parse("PT" + System.getProperty("bench.drill.outage", "30s").toUpperCase());
        Duration dbDown = Duration.parse("PT" + System.getProperty("bench.drill.db-down", "10s").toUpperCase());
        long seed = Long.getLong("drill.seed", System.nanoTime());
        FaultDrills drills = new FaultDrills(work, Duration.ofMinutes(15));

        String only = System.getProperty("bench.drill.only", "kill,outage,postgresql");

        List<DrillResult> results = new ArrayList<>();
        if (only.contains("kill")) {
            results.add(print(drills.killLoop(users, kills, seed)));
        }
        if (only.contains("outage")) {
            results.add(print(drills.identityCenterOutage(users, outage, seed)));
        }
        if (only.contains("postgresql") && PostgresCluster.available()) {
            results.add(print(drills.postgresqlRestart(users, dbDown, seed)));
        } else if (only.contains("postgresql")) {
            System.out.println("DRILL postgresql-restart skipped: no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
        }

        System.out.printf("%n%-20s %9s %11s %11s %5s %7s %9s%n", "drill", "accepted", "mismatches", "duplicates", "dead",
                "bad5xx", "time");
        for (DrillResult r : results) {
            System.out.printf("%-20s %9d %11d %11d %5d %7d %8.1fs%n", r.drill(), r.accepted(), r.mismatches(),
                    r.duplicates(), r.deadLetters(), r.bad5xx(), r.time().toMillis() / 1000d);
        }
        ArrayNode json = DrillIdp.JSON.createArrayNode();
        results.forEach(r -> json.add(r.json()));
        Path out = BridgeProcess.builtApp().toAbsolutePath().getParent().resolve("bench/drills.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, DrillIdp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("written " + out);

        for (DrillResult r : results) {
            assertTrue(r.correct(), r.line() + " " + r.convergence().summary());
            assertTrue(!r.details().containsKey("integrity") || "ok".equals(r.details().get("integrity")), r.line());
            assertTrue(r.failedProperly(), r.line());
        }
    }

    private static DrillResult print(DrillResult r) {
        System.out.println(r.line());
        return r;
    }
}
