package io.scimbridge.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.it.BridgeJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one scenario's figures, prints them as a table, writes {@code <name>.json} and
 * {@code <name>.csv} under {@link #outputDir()}.
 */
final class BenchReport {

    private final String title;
    private final Map<String, Object> sync = new LinkedHashMap<>();
    private final List<FrontDoorScenario.OpFigures> ops = new ArrayList<>();

    BenchReport(String title) {
        this.title = title;
    }

    void put(String key, Object value) {
        sync.put(key, value);
    }

    void add(List<FrontDoorScenario.OpFigures> figures) {
        ops.addAll(figures);
    }

    /** Where results go: ${build.dir}/bench, derived from the bridge.app failsafe passes (${build.dir}/quarkus-app). */
    static Path outputDir() {
        String explicit = System.getProperty("bench.out");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path app = Path.of(System.getProperty("bridge.app", "target/quarkus-app")).toAbsolutePath();
        return app.getParent().resolve("bench");
    }

    String table() {
        StringBuilder b = new StringBuilder("\n=== scim-bridge benchmark: " + title + " ===\n");
        b.append("(bridge: built jar as its own process, " + BridgeJvm.options() + ", SQLite store, writes durably (fsync before the answer); "
                + "Identity Center: in-process emulator; loopback HTTP/1.1; "
                + Runtime.getRuntime().availableProcessors() + " CPUs)\n\n");
        sync.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-66s %s%n", k, format(v))));
        if (ops.isEmpty()) {
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "%n  %-14s %5s  %-22s %7s %10s %9s %9s %9s%n", "target", "conns", "operation",
                "count", "req/s", "p50 ms", "p99 ms", "max ms"));
        for (FrontDoorScenario.OpFigures f : ops) {
            b.append(String.format(Locale.ROOT, "  %-14s %5d  %-22s %7d %10.0f %9.2f %9.2f %9.2f%n", f.target(), f.connections(),
                    f.summary().operation(), f.summary().count(), f.requestsPerSecond(), f.summary().p50(), f.summary().p99(),
                    f.summary().max()));
        }
        List<String[]> ratios = ratios();
        if (!ratios.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n  bridge / SCIMMY peer (req/s ratio > 1 and p99 ratio < 1 favour the bridge; "
                    + "the bridge writes durably to SQLite and forwards to Identity Center, the peer keeps everything in memory)%n"));
            b.append(String.format(Locale.ROOT, "  %5s  %-22s %12s %12s%n", "conns", "operation", "req/s ratio", "p99 ratio"));
            for (String[] r : ratios) {
                b.append(String.format(Locale.ROOT, "  %5s  %-22s %12s %12s%n", (Object[]) r));
            }
        }
        return b.toString();
    }

    /** Per connections and operation served by both: bridge req/s / peer req/s and bridge p99 / peer p99. */
    List<String[]> ratios() {
        List<String[]> out = new ArrayList<>();
        for (FrontDoorScenario.OpFigures bridge : ops) {
            if (!bridge.target().equals("bridge")) {
                continue;
            }
            FrontDoorScenario.OpFigures peer = ops.stream().filter(o -> o.target().equals("scimmy-peer")
                    && o.connections() == bridge.connections() && o.summary().operation().equals(bridge.summary().operation()))
                    .findFirst().orElse(null);
            if (peer == null) {
                continue;
            }
            boolean served = peer.summary().count() > 0;
            out.add(new String[] {Integer.toString(bridge.connections()), bridge.summary().operation(),
                    served ? String.format(Locale.ROOT, "%.2f", bridge.requestsPerSecond() / peer.requestsPerSecond()) : "peer n/a",
                    served ? String.format(Locale.ROOT, "%.2f", bridge.summary().p99() / peer.summary().p99()) : "peer n/a"});
        }
        return out;
    }

    void write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = ScimHttp.JSON.createObjectNode();
        root.put("scenario", title).put("bridgeJvm", BridgeJvm.options())
                .put("cpus", Runtime.getRuntime().availableProcessors());
        ObjectNode s = root.putObject("figures");
        sync.forEach((k, v) -> s.set(k, ScimHttp.JSON.valueToTree(v)));
        ArrayNode arr = root.putArray("frontDoor");
        StringBuilder csv = new StringBuilder("target,connections,operation,count,requests_per_second,p50_ms,p99_ms,max_ms\n");
        for (FrontDoorScenario.OpFigures f : ops) {
            ObjectNode o = arr.addObject();
            o.put("target", f.target()).put("connections", f.connections()).put("operation", f.summary().operation())
                    .put("count", f.summary().count()).put("requestsPerSecond", round(f.requestsPerSecond()))
                    .put("p50Ms", f.summary().p50()).put("p99Ms", f.summary().p99()).put("maxMs", f.summary().max());
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.1f,%.3f,%.3f,%.3f%n", f.target(), f.connections(),
                    f.summary().operation(), f.summary().count(), f.requestsPerSecond(), f.summary().p50(), f.summary().p99(),
                    f.summary().max()));
        }
        ArrayNode ratioArr = root.putArray("bridgeOverPeer");
        for (String[] r : ratios()) {
            ratioArr.addObject().put("connections", r[0]).put("operation", r[1]).put("requestsPerSecondRatio", r[2])
                    .put("p99Ratio", r[3]);
        }
        csv.append("\nmetric,value\n");
        sync.forEach((k, v) -> csv.append('"').append(k).append("\",").append(format(v)).append('\n'));
        Files.writeString(dir.resolve(name + ".json"), ScimHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.writeString(dir.resolve(name + ".csv"), csv.toString());
        System.out.println("written: " + dir.resolve(name + ".json") + " and " + name + ".csv");
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(v);
    }
}
