package io.scimbridge.ops.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.scimbridge.store.sqlite.SingleWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the embedded store's writes cost: {@code bridge_store_write_transactions_total} (the one
 * writer taken), {@code bridge_store_durable_commits_total} (commits that wrote, each on disk
 * before its caller went on), {@code bridge_store_fsyncs_total} and
 * {@code bridge_store_sqlite_commits_total} (one per batch of write transactions on the writer
 * connection). Commits per fsync and write transactions per SQLite commit show the group commit at work; write transactions per IdP request show what delivery adds. Zero on
 * PostgreSQL, which makes its own commits durable.
 */
@ApplicationScoped
public class StoreMetrics {

    private final SingleWriter writer;

    public StoreMetrics(SingleWriter writer) {
        this.writer = writer;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        FunctionCounter.builder("bridge.store.write.transactions", writer, w -> w.counts().writeTransactions())
                .description("Transactions that took the embedded store's one writer").register(registry);
        FunctionCounter.builder("bridge.store.durable.commits", writer, w -> w.counts().durableCommits())
                .description("Commits that wrote to the embedded store and waited to be on disk").register(registry);
        FunctionCounter.builder("bridge.store.fsyncs", writer, w -> w.counts().fsyncs())
                .description("fsyncs of the embedded store's WAL (one covers every commit made before it)").register(registry);
        FunctionCounter.builder("bridge.store.sqlite.commits", writer, w -> w.counts().sqliteCommits())
                .description("SQLite commits of the embedded store's writer connection, each a batch of write transactions")
                .register(registry);
        FunctionCounter.builder("bridge.store.writer.held", writer, w -> w.counts().writerHeldNanos() / 1e9)
                .baseUnit("seconds")
                .description("Time the embedded store's one writer was held (per second: how busy it is)").register(registry);
    }
}
