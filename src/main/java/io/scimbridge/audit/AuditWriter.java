package io.scimbridge.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.store.Background;
import io.scimbridge.store.NativeValues;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Writes audit entries off the request path: a bounded in-memory queue drained by one worker
 * in batches, each batch in a transaction of its own (so a write that rolled back is still
 * audited, and a SCIM request never waits for its audit insert).
 *
 * <p>The batches are background work for the store ({@link Background}): the IdP's writes go
 * first, and under load each batch carries what came in while the one before waited (measured in
 * session 16, see docs/performance.md).
 *
 * <p>The trade-off: entries still queued when the process dies without shutting down (kill -9,
 * power loss) are lost, typically the last few milliseconds of writes, a few tens under load. A
 * normal shutdown drains the queue. A full queue (the store stalled) drops new entries and counts them
 * ({@code bridge_audit_dropped_total}) rather than slowing the IdP down.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int BATCH = 500;

    private final EntityManager em;
    private final AuditConfig config;
    private final BlockingQueue<NewAuditEntry> queue;
    private final ReentrantLock writing = new ReentrantLock();
    private final Condition progressed = writing.newCondition();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final Counter succeeded;
    private final Counter failed;
    private final Counter dropped;
    private volatile boolean running;
    private Thread worker;

    public AuditWriter(EntityManager em, AuditConfig config, MeterRegistry metrics) {
        this.em = em;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.succeeded = entries(metrics, AuditEntry.SUCCEEDED);
        this.failed = entries(metrics, AuditEntry.FAILED);
        this.dropped = Counter.builder("bridge.audit.dropped")
                .description("Audit entries dropped because the audit queue was full").register(metrics);
    }

    private static Counter entries(MeterRegistry metrics, String outcome) {
        return Counter.builder("bridge.audit.entries").description("Audited SCIM writes by outcome")
                .tag("outcome", outcome).register(metrics);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("audit-writer").daemon().start(this::run);
    }

    /** Stops the worker and writes what is still queued. */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    /** Queues an entry; never blocks the caller. */
    void submit(NewAuditEntry entry) {
        (entry.status() < 400 ? succeeded : failed).increment();
        if (!running) {
            // starting or shutting down: no worker, write it now
            writeNow(List.of(entry));
            return;
        }
        if (queue.offer(entry)) {
            submitted.incrementAndGet();
        } else {
            dropped.increment();
            LOG.warnf("Audit queue full (%d entries): dropped the entry of %s %s %s from source %s",
                    config.queueCapacity(), entry.operation().wireName(), entry.resourceType(), entry.resourceId(),
                    entry.source());
        }
    }

    /** Writes everything submitted so far before returning: readers see every write that was answered. */
    public void flush() {
        long target = submitted.get();
        writing.lock();
        try {
            writeLocked(drain(Integer.MAX_VALUE));
            // the worker may hold a batch taken before this flush: wait for it, briefly
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (processed.get() < target && System.nanoTime() < deadline) {
                progressed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                NewAuditEntry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                writing.lock();
                try {
                    List<NewAuditEntry> batch = new ArrayList<>();
                    batch.add(first);
                    batch.addAll(drain(BATCH - 1));
                    // Background: the IdP's writes take the embedded store's writer first (for 20 ms at
                    // most). Under load the entries that come meanwhile make the next batch larger,
                    // so fewer, larger transactions; when the store is idle nothing waits.
                    Background.run(() -> writeLocked(batch));
                } finally {
                    writing.unlock();
                }
            } catch (InterruptedException e) {
                return; // stop() writes the rest
            } catch (RuntimeException e) {
                LOG.warnf("Audit writer: %s", e.toString());
            }
        }
    }

    private List<NewAuditEntry> drain(int max) {
        List<NewAuditEntry> batch = new ArrayList<>();
        queue.drainTo(batch, max);
        return batch;
    }

    private void writeLocked(List<NewAuditEntry> batch) {
        try {
            for (int from = 0; from < batch.size(); from += BATCH) {
                writeNow(batch.subList(from, Math.min(batch.size(), from + BATCH)));
            }
        } finally {
            processed.addAndGet(batch.size());
            progressed.signalAll();
        }
    }

    private void writeNow(List<NewAuditEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("insert into audit_entry (at, source,"
                        + " operation, resource_type, resource_id, name, external_id, status, scim_type, correlation_id,"
                        + " patch_ops) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (NewAuditEntry e : batch) {
                        NativeValues.setTimestamp(insert, 1, e.at());
                        insert.setString(2, e.source());
                        insert.setString(3, e.operation().wireName());
                        insert.setString(4, e.resourceType());
                        setNullable(insert, 5, e.resourceId());
                        setNullable(insert, 6, e.name());
                        setNullable(insert, 7, e.externalId());
                        insert.setInt(8, e.status());
                        setNullable(insert, 9, e.scimType());
                        setNullable(insert, 10, e.correlationId());
                        setNullable(insert, 11, PatchSummary.join(e.patchOperations()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }));
        } catch (RuntimeException e) {
            LOG.warnf("Could not write %d audit entries: %s", batch.size(), e.toString());
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
