package io.scimbridge.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.it.BridgeJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Collects one scenario's figures, prints them as a table, writes {@code <name>.json} and
 * {@code <name>.csv} under {@link #outputDir()}. Front-door figures labelled {@code bridge-r<n>} and
 * {@code scimmy-peer-r<n>} are compared round by round and over the rounds.
 */
final class BenchReport {

    /** The targets compared: a mix's label is one of these, then {@code -r} and its round. */
    static final String BRIDGE = "bridge";
    static final String PEER = "scimmy-peer";

    /** Which server and round a mix's label names: "bridge-r2" is the bridge in round 2; a label without a round is round 1. */
    record Run(String server, int round) {
        private static final Pattern ROUND = Pattern.compile("-r(\\d+)$");

        static Run of(String target) {
            Matcher m = ROUND.matcher(target);
            return m.find() ? new Run(target.substring(0, m.start()), Integer.parseInt(m.group(1))) : new Run(target, 1);
        }
    }

    /** The bridge's and the peer's figures for one round, connections and operation. */
    record Pair(int round, FrontDoorScenario.OpFigures bridge, FrontDoorScenario.OpFigures peer) {
        int connections() {
            return bridge.connections();
        }

        String operation() {
            return bridge.summary().operation();
        }

        /** Whether the peer answered any of the operation's requests: without, there is no ratio to take. */
        boolean served() {
            return peer.summary().count() > 0;
        }

        /** Bridge over peer for one figure; NaN when the peer did not serve the operation. */
        double ratio(ToDoubleFunction<FrontDoorScenario.OpFigures> figure) {
            return served() ? figure.applyAsDouble(bridge) / figure.applyAsDouble(peer) : Double.NaN;
        }
    }

    /** Bridge over peer for one connections and operation, over the rounds the peer served it in. */
    record RoundsSummary(int connections, String operation, int rounds, Spread requestsPerSecond, Spread p99) {}

    /**
     * The median bridge figure over the rounds divided by the median peer figure (the median, so that one
     * disturbed round does not move it), and the smallest and largest single round's ratio; NaN without rounds.
     */
    record Spread(double ofMedians, double min, double max) {
        static Spread of(List<Pair> served, ToDoubleFunction<FrontDoorScenario.OpFigures> figure) {
            double bridge = median(served.stream().mapToDouble(p -> figure.applyAsDouble(p.bridge())).toArray());
            double peer = median(served.stream().mapToDouble(p -> figure.applyAsDouble(p.peer())).toArray());
            double[] ratios = served.stream().mapToDouble(p -> p.ratio(figure)).toArray();
            return new Spread(bridge / peer, Arrays.stream(ratios).min().orElse(Double.NaN),
                    Arrays.stream(ratios).max().orElse(Double.NaN));
        }
    }

    private static final ToDoubleFunction<FrontDoorScenario.OpFigures> REQUESTS_PER_SECOND =
            FrontDoorScenario.OpFigures::requestsPerSecond;
    private static final ToDoubleFunction<FrontDoorScenario.OpFigures> P99 = f -> f.summary().p99();

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
        b.append(String.format(Locale.ROOT, "%n  %-16s %5s  %-22s %7s %10s %9s %9s %9s%n", "target", "conns", "operation",
                "count", "req/s", "p50 ms", "p99 ms", "max ms"));
        for (FrontDoorScenario.OpFigures f : ops) {
            b.append(String.format(Locale.ROOT, "  %-16s %5d  %-22s %7d %10.0f %9.2f %9.2f %9.2f%n", f.target(), f.connections(),
                    f.summary().operation(), f.summary().count(), f.requestsPerSecond(), f.summary().p50(), f.summary().p99(),
                    f.summary().max()));
        }
        List<Pair> pairs = pairs();
        if (pairs.isEmpty()) {
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "%n  bridge / SCIMMY peer per round (req/s ratio > 1 and p99 ratio < 1 favour "
                + "the bridge; the bridge writes durably to SQLite and forwards to Identity Center, "
                + "the peer keeps everything in memory)%n"));
        b.append(String.format(Locale.ROOT, "  %5s %5s  %-22s %12s %12s%n", "round", "conns", "operation", "req/s ratio",
                "p99 ratio"));
        for (Pair p : pairs) {
            b.append(String.format(Locale.ROOT, "  %5d %5d  %-22s %12s %12s%n", p.round(), p.connections(), p.operation(),
                    ratio(p.ratio(REQUESTS_PER_SECOND)), ratio(p.ratio(P99))));
        }
        b.append(String.format(Locale.ROOT, "%n  bridge / SCIMMY peer over the rounds: median bridge figure / median peer "
                + "figure, and the smallest and largest round's ratio%n"));
        b.append(String.format(Locale.ROOT, "  %5s  %-22s %6s %12s %8s %8s %12s %8s %8s%n", "conns", "operation", "rounds",
                "req/s ratio", "min", "max", "p99 ratio", "min", "max"));
        for (RoundsSummary s : summaries(pairs)) {
            b.append(String.format(Locale.ROOT, "  %5d  %-22s %6d %12s %8s %8s %12s %8s %8s%n", s.connections(), s.operation(),
                    s.rounds(), ratio(s.requestsPerSecond().ofMedians()), ratio(s.requestsPerSecond().min()),
                    ratio(s.requestsPerSecond().max()), ratio(s.p99().ofMedians()), ratio(s.p99().min()), ratio(s.p99().max())));
        }
        return b.toString();
    }

    /** Per round, connections and operation run against both servers, in the order the bridge ran them. */
    List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        for (FrontDoorScenario.OpFigures bridge : ops) {
            Run run = Run.of(bridge.target());
            if (run.server().equals(BRIDGE)) {
                Run peerRun = new Run(PEER, run.round());
                ops.stream().filter(o -> Run.of(o.target()).equals(peerRun) && o.connections() == bridge.connections()
                                && o.summary().operation().equals(bridge.summary().operation()))
                        .findFirst().ifPresent(peer -> out.add(new Pair(run.round(), bridge, peer)));
            }
        }
        return out;
    }

    /** Per connections and operation, in the order first run: the pairs' figures over the rounds the peer served. */
    private static List<RoundsSummary> summaries(List<Pair> pairs) {
        record Key(int connections, String operation) {}
        Map<Key, List<Pair>> byKey = pairs.stream().collect(Collectors.groupingBy(p -> new Key(p.connections(), p.operation()),
                LinkedHashMap::new, Collectors.toList()));
        List<RoundsSummary> out = new ArrayList<>();
        byKey.forEach((key, all) -> {
            List<Pair> served = all.stream().filter(Pair::served).toList();
            out.add(new RoundsSummary(key.connections(), key.operation(), served.size(), Spread.of(served, REQUESTS_PER_SECOND),
                    Spread.of(served, P99)));
        });
        return out;
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    private static double median(double[] values) {
        double[] sorted = Arrays.stream(values).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
        List<Pair> pairs = pairs();
        ArrayNode ratioArr = root.putArray("bridgeOverPeer");
        for (Pair p : pairs) {
            ratioArr.addObject().put("round", p.round()).put("connections", p.connections()).put("operation", p.operation())
                    .put("requestsPerSecondRatio", ratioValue(p.ratio(REQUESTS_PER_SECOND)))
                    .put("p99Ratio", ratioValue(p.ratio(P99)));
        }
        ArrayNode summaryArr = root.putArray("bridgeOverPeerOverRounds");
        for (RoundsSummary over : summaries(pairs)) {
            summaryArr.addObject().put("connections", over.connections()).put("operation", over.operation())
                    .put("rounds", over.rounds())
                    .put("requestsPerSecondRatio", ratioValue(over.requestsPerSecond().ofMedians()))
                    .put("requestsPerSecondRatioMin", ratioValue(over.requestsPerSecond().min()))
                    .put("requestsPerSecondRatioMax", ratioValue(over.requestsPerSecond().max()))
                    .put("p99Ratio", ratioValue(over.p99().ofMedians()))
                    .put("p99RatioMin", ratioValue(over.p99().min()))
                    .put("p99RatioMax", ratioValue(over.p99().max()));
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

    /** A ratio for the table: two decimals, or why there is none. */
    private static String ratio(double r) {
        return Double.isNaN(r) ? "peer n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** A ratio for the JSON: rounded, or null where the peer served none. */
    private static Double ratioValue(double r) {
        return Double.isNaN(r) ? null : round(r);
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(v);
    }
}
