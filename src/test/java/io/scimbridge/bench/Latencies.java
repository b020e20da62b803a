package io.scimbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples per operation, kept whole so percentiles are exact (sorted samples, nearest rank). */
final class Latencies {

    /** One operation's figures; times in milliseconds. */
    record Summary(String operation, int count, double p50, double p99, double max) {}

    private final Map<String, ConcurrentLinkedQueue<Long>> samples = new ConcurrentHashMap<>();

    void record(String operation, long nanos) {
        samples.computeIfAbsent(operation, k -> new ConcurrentLinkedQueue<>()).add(nanos);
    }

    int count(String operation) {
        ConcurrentLinkedQueue<Long> q = samples.get(operation);
        return q == null ? 0 : q.size();
    }

    Summary summary(String operation) {
        List<Long> sorted = new ArrayList<>(samples.getOrDefault(operation, new ConcurrentLinkedQueue<>()));
        sorted.sort(Long::compare);
        return new Summary(operation, sorted.size(), ms(rank(sorted, 50)), ms(rank(sorted, 99)), ms(rank(sorted, 100)));
    }

    /** Nearest-rank percentile of sorted samples: the smallest sample with at least p% at or below it. */
    static long rank(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000_000.0;
    }
}
