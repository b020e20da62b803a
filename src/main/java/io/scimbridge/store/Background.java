package io.scimbridge.store;

import java.util.function.Supplier;

/**
 * Work nobody waits on for an answer (delivery to Identity Center): its write transactions let the
 * IdP's requests take the embedded store's one writer first, for a bounded time (see the SQLite
 * store's writer lock). A mark on the thread, like {@link ReadOnly}, so that no store method needs
 * to know who calls it.
 */
public final class Background {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private Background() {}

    public static <T> T call(Supplier<T> work) {
        if (active()) {
            return work.get();
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.remove();
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Whether this thread is doing background work. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
