package io.scimbridge.identitycenter.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests seen by an emulator, thread-safe. Keeps the most recent {@value #RETAINED} entries so a
 * long benchmark run cannot exhaust memory; the per-operation counts are never truncated.
 */
public final class RequestLog {

    static final int RETAINED = 50_000;

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void record(RecordedRequest request) {
        synchronized (entries) {
            if (entries.size() >= RETAINED) {
                entries.removeFirst();
            }
            entries.addLast(request);
        }
        counts.computeIfAbsent(request.operation(), k -> new LongAdder()).increment();
    }

    /** The retained requests, oldest first. */
    public List<RecordedRequest> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The retained requests of one operation, oldest first. */
    public List<RecordedRequest> entries(String operation) {
        return entries().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** How many requests of this operation arrived (whatever their answer). */
    public long count(String operation) {
        LongAdder adder = counts.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    /** Requests per operation, sorted by operation name. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((op, adder) -> snapshot.put(op, adder.sum()));
        return snapshot;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        counts.clear();
    }
}
