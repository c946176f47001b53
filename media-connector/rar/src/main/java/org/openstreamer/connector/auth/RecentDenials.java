package org.openstreamer.connector.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Denials an {@code on_publish} backend gave lately, by publisher, for a fixed time: read from
 * libsrt's listen callback, so a lookup is one map access. Bounded: past {@link #MAX_ENTRIES} the
 * expired ones are swept, and if none had expired the memory starts afresh rather than grow.
 */
final class RecentDenials {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(OnPublishDecision decision, long until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier clock;

    RecentDenials(long ttlNanos, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.clock = clock;
    }

    OnPublishDecision get(String key) {
        if (ttlNanos <= 0) {
            return null;
        }
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.until >= 0) {
            entries.remove(key, e);
            return null;
        }
        return e.decision;
    }

    void put(String key, OnPublishDecision decision) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (entries.size() >= MAX_ENTRIES) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (now - it.next().until >= 0) {
                    it.remove();
                }
            }
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(decision, now + ttlNanos));
    }
}
