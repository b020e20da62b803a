package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The store's writer is handed over in the order writers asked for it, the IdP's before delivery's
 * for a bounded time, and a writer that gave up leaves the line.
 */
class WriterLockTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void writersGetTheStoreInTheOrderTheyAskedForIt() throws Exception {
        WriterLock lock = new WriterLock(LONG);
        List<String> order = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            assertTrue(lock.acquire(LONG, false)); // a long write holds the store
            Future<?>[] writers = new Future<?>[4];
            for (int i = 0; i < 4; i++) {
                String name = "writer-" + i;
                writers[i] = threads.submit(() -> {
                    assertTrue(lock.acquire(LONG, false));
                    order.add(name);
                    lock.release();
                    return null;
                });
                int inLine = i + 1;
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiting() == inLine);
            }
            lock.release();
            for (Future<?> writer : writers) {
                writer.get(10, TimeUnit.SECONDS);
            }
            assertEquals(List.of("writer-0", "writer-1", "writer-2", "writer-3"), order);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWriterThatGaveUpLeavesTheLineAndTheNextGetsTheStore() throws Exception {
        WriterLock lock = new WriterLock(LONG);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            assertTrue(lock.acquire(LONG, false));
            Future<Boolean> impatient = threads.submit(() -> lock.acquire(Duration.ofMillis(50), false));
            assertFalse(impatient.get(10, TimeUnit.SECONDS), "gave up after its timeout");
            assertEquals(0, lock.waiting());

            Future<Boolean> patient = threads.submit(() -> lock.acquire(LONG, false));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiting() == 1);
            lock.release();
            assertTrue(patient.get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theThreadThatHoldsTheStoreMayTakeItAgainForANestedTransaction() throws Exception {
        WriterLock lock = new WriterLock(LONG);
        assertTrue(lock.acquire(LONG, false));
        assertTrue(lock.acquire(Duration.ZERO, false));
        lock.release();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertFalse(other.submit(() -> lock.acquire(Duration.ofMillis(20), false)).get(10, TimeUnit.SECONDS),
                    "still held once: the outer transaction has not ended");
            lock.release();
            assertTrue(other.submit(() -> lock.acquire(Duration.ofMillis(20), false)).get(10, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void theIdpsWritesGoBeforeDeliverysThatAskedEarlier() throws Exception {
        WriterLock lock = new WriterLock(LONG);
        assertEquals(List.of("idp", "delivery"), handOverOrder(lock));
    }

    @Test
    void deliveryGoesFirstOnceItHasWaitedItsPatience() throws Exception {
        WriterLock lock = new WriterLock(Duration.ZERO);
        assertEquals(List.of("delivery", "idp"), handOverOrder(lock));
    }

    @Test
    void aRunningIdpWriteOvertakesTheOneInLineWhileItWakesUpButDeliveryDoesNot() throws Exception {
        WriterLock lock = new WriterLock(LONG, LONG);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> inLine = heldWithOneWriterInLine(lock, threads);
            // holding the lock's monitor keeps the woken writer from taking the store in between
            synchronized (lock) {
                lock.release();
                assertFalse(lock.acquire(Duration.ZERO, true), "delivery never overtakes");
                assertTrue(lock.acquire(Duration.ZERO, false), "the IdP's running write goes first");
            }
            assertEquals(1, lock.waiting(), "the overtaken writer keeps its place");
            lock.release();
            assertTrue(inLine.get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void onceItsWindowHasPassedTheOneInLineIsNotOvertaken() throws Exception {
        WriterLock lock = new WriterLock(LONG, Duration.ZERO);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> inLine = heldWithOneWriterInLine(lock, threads);
            synchronized (lock) {
                lock.release();
                assertFalse(lock.acquire(Duration.ZERO, false), "the store is the waiting writer's");
            }
            assertTrue(inLine.get(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    /** Takes the store, then lets an IdP writer line up for it; the writer's outcome once it had its turn. */
    private static Future<Boolean> heldWithOneWriterInLine(WriterLock lock, ExecutorService threads) throws InterruptedException {
        assertTrue(lock.acquire(LONG, false));
        Future<Boolean> inLine = threads.submit(() -> {
            boolean took = lock.acquire(LONG, false);
            lock.release();
            return took;
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiting() == 1);
        return inLine;
    }

    /** Delivery asks for the held store, then the IdP does: who gets it first on release. */
    private static List<String> handOverOrder(WriterLock lock) throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            assertTrue(lock.acquire(LONG, false));
            Future<?> delivery = threads.submit(() -> takeAndRelease(lock, true, "delivery", order));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiting() == 1);
            Future<?> idp = threads.submit(() -> takeAndRelease(lock, false, "idp", order));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiting() == 2);
            lock.release();
            delivery.get(10, TimeUnit.SECONDS);
            idp.get(10, TimeUnit.SECONDS);
            return order;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Void takeAndRelease(WriterLock lock, boolean background, String who, List<String> order)
            throws InterruptedException {
        assertTrue(lock.acquire(LONG, background));
        order.add(who);
        lock.release();
        return null;
    }
}
