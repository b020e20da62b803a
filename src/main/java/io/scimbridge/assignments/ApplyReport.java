package io.scimbridge.assignments;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of an apply: one result per change, in completion order.
 *
 * @param maxOutstanding the most requests that were in progress at once (never above 10)
 * @param throttled      how many requests AWS refused for throttling or conflicts and were retried
 */
public record ApplyReport(List<ApplyResult> results, Duration elapsed, int maxOutstanding, int throttled) {

    public ApplyReport {
        results = List.copyOf(results);
    }

    public List<ApplyResult> succeeded() {
        return results.stream().filter(ApplyResult::succeeded).toList();
    }

    public List<ApplyResult> failed() {
        return results.stream().filter(r -> !r.succeeded()).toList();
    }

    /** Changes per second over the whole apply. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : results.size() / seconds;
    }
}
