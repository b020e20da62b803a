package io.scimbridge.pacing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a source, a client address): each holds up to {@code burst} tokens and
 * refills at {@code requestsPerSecond}. A rate of 0 (or less) disables the limit. Plain Java, so
 * that the SCIM front door (per source) and the authentication gate (per address) share it.
 *
 * <p>Keys may come from the network (addresses), so the map is bounded: past {@code maxKeys},
 * buckets that have refilled completely are dropped (a full bucket and no bucket mean the same),
 * and if that is not enough the map starts over, which at worst hands fresh buckets to a flood
 * of new addresses that would have had them anyway.
 */
public final class TokenBuckets {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final int maxKeys;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double requestsPerSecond, int burst, LongSupplier nanoClock, int maxKeys) {
        this.ratePerNano = requestsPerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
        this.maxKeys = maxKeys;
    }

    public boolean enabled() {
        return ratePerNano > 0;
    }

    /** 0 if the request may go ahead (a token was taken), else the seconds to wait (at least 1). */
    public long acquire(String key) {
        return take(key, true);
    }

    /** As {@link #acquire} without taking the token: whether one is there now. */
    public long waitFor(String key) {
        return take(key, false);
    }

    private long take(String key, boolean consume) {
        if (!enabled()) {
            return 0;
        }
        if (buckets.size() > maxKeys) {
            evictFull();
        }
        Bucket bucket = buckets.computeIfAbsent(key == null ? "" : key, k -> new Bucket(burst, nanoClock.getAsLong()));
        synchronized (bucket) {
            long now = nanoClock.getAsLong();
            bucket.refill(now, ratePerNano, burst);
            if (bucket.tokens >= 1) {
                if (consume) {
                    bucket.tokens -= 1;
                }
                return 0;
            }
            double nanosToWait = (1 - bucket.tokens) / ratePerNano;
            return Math.max(1, (long) Math.ceil(nanosToWait / 1e9));
        }
    }

    private void evictFull() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(b -> {
            synchronized (b) {
                b.refill(now, ratePerNano, burst);
                return b.tokens >= burst;
            }
        });
        if (buckets.size() > maxKeys) {
            buckets.clear();
        }
    }

    /** Keys currently tracked (for tests). */
    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, double ratePerNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
            updated = now;
        }
    }
}
