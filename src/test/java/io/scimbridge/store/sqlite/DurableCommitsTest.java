package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Group commit: writes that commit while an fsync runs share the next one, and nobody is answered early. */
class DurableCommitsTest {

    @Test
    void commitsThatFinishDuringAnFsyncShareTheNextOne() throws Exception {
        FirstFsyncHeld firstFsync = new FirstFsyncHeld(false);
        DurableCommits durable = firstFsync.durable;
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            Future<?> first = firstFsync.commitAndSyncOn(writers);

            List<Future<?>> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(writers.submit(() -> durable.await()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> durable.requested() == 6);
            assertTrue(later.stream().noneMatch(Future::isDone), "no commit is answered before an fsync that began after it");

            firstFsync.letItEnd();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : later) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(2, durable.fsyncs(), "the five later commits shared one fsync");
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aCommitThatReturnedBeforeTheRunningFsyncBeganWaitsForThatOneOnly() throws Exception {
        FirstFsyncHeld firstFsync = new FirstFsyncHeld(false);
        DurableCommits durable = firstFsync.durable;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            long batchCommitted = durable.ticket(); // a batch committed; its members are still waking up
            Future<?> first = firstFsync.commitAndSyncOn(writers);
            Future<?> member = writers.submit(() -> durable.await(batchCommitted));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> durable.requested() == 2);
            assertTrue(!member.isDone(), "not answered before the fsync ends");

            firstFsync.letItEnd();
            first.get(10, TimeUnit.SECONDS);
            member.get(10, TimeUnit.SECONDS);
            assertEquals(1, durable.fsyncs(), "the fsync that began after its commit covered it");
            assertEquals(1, firstFsync.started.get());
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aFailedFsyncAnswersNobodyAndTheNextWaiterTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DurableCommits durable = new DurableCommits(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk gone");
            }
        });
        try {
            durable.await();
        } catch (IllegalStateException expected) {
            // the request that hit it fails (and its transaction's answer is an error, not a 2xx)
        }
        assertEquals(0, durable.fsyncs());
        durable.await();
        assertEquals(1, durable.fsyncs());
    }

    @Test
    void commitsWaitingBehindAFailedFsyncAreMadeDurableByTheNextOne() throws Exception {
        FirstFsyncHeld firstFsync = new FirstFsyncHeld(true);
        DurableCommits durable = firstFsync.durable;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = firstFsync.commitAndSyncOn(writers);
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(writers.submit(() -> durable.await()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> durable.requested() == 4);

            firstFsync.letItEnd();
            java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalStateException, "the commit whose fsync failed is not answered 2xx");
            for (Future<?> f : waiting) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(1, durable.fsyncs(), "one fsync after the failure covered the three that waited");
        } finally {
            writers.shutdownNow();
        }
    }

    /** A group commit whose first fsync runs until the test lets it end (and then fails, if told to). */
    private static final class FirstFsyncHeld {
        final CountDownLatch mayEnd = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();
        final DurableCommits durable;

        FirstFsyncHeld(boolean thenFails) {
            durable = new DurableCommits(() -> {
                if (started.incrementAndGet() == 1) {
                    Latches.awaitLetGo(mayEnd);
                    if (thenFails) {
                        throw new IllegalStateException("disk gone");
                    }
                }
            });
        }

        /** A commit on {@code writers} whose fsync, the first, has begun when this returns. */
        Future<?> commitAndSyncOn(ExecutorService writers) {
            Future<?> commit = writers.submit(() -> durable.await());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
            return commit;
        }

        void letItEnd() {
            mayEnd.countDown();
        }
    }
}
