package io.scimbridge.store.sqlite;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** For work a test holds inside the store (a transaction, an fsync) until the test lets it go. */
final class Latches {

    private Latches() {}

    /**
     * Waits for the test to let go, 30 s at most: a test that fails before it counts down must not
     * leave the held work, and the writer with it, blocked for good.
     */
    static void awaitLetGo(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
