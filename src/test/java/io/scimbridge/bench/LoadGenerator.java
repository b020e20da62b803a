package io.scimbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a list of tasks with N concurrent workers on virtual threads, each taking the next task
 * as soon as its previous one is answered (closed loop: N requests in flight at most).
 */
final class LoadGenerator {

    private LoadGenerator() {}

    /** Runs every task; returns the wall time in nanoseconds. */
    static long run(int workers, List<Runnable> tasks) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>(workers);
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().name("load-", w).start(() -> {
                for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                    try {
                        tasks.get(i).run();
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        if (!errors.isEmpty()) {
            IllegalStateException e = new IllegalStateException(errors.size() + " load tasks threw", errors.get(0));
            throw e;
        }
        return wall;
    }
}
