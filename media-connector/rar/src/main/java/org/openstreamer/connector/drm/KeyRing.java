package org.openstreamer.connector.drm;

import org.openstreamer.connector.api.DrmKey;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A protected stream's keys by start time, immutable. A segment uses the last key that started
 * at or before it; a segment older than every key (cut just before the first key arrived) uses
 * the first one. New keys only ever start after the ones present, so the choice for a segment
 * never changes while its key is kept: live and archive agree.
 */
final class KeyRing {

    static final KeyRing EMPTY = new KeyRing(new DrmKey[0]);

    private final DrmKey[] keys;
    private final long[] starts;

    private KeyRing(DrmKey[] keys) {
        this.keys = keys;
        this.starts = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            starts[i] = keys[i].startMillis();
        }
    }

    static KeyRing of(List<DrmKey> keys) {
        DrmKey[] sorted = keys.toArray(new DrmKey[0]);
        Arrays.sort(sorted, Comparator.comparingLong(DrmKey::startMillis).thenComparingLong(DrmKey::id));
        return new KeyRing(sorted);
    }

    boolean isEmpty() {
        return keys.length == 0;
    }

    int size() {
        return keys.length;
    }

    /** The key of a segment starting at {@code millis}; null only when there is no key at all. */
    DrmKey at(long millis) {
        if (keys.length == 0) {
            return null;
        }
        int i = Arrays.binarySearch(starts, millis);
        if (i < 0) {
            i = -i - 2; // the last start before millis
        } else {
            while (i + 1 < starts.length && starts[i + 1] == millis) {
                i++; // equal starts: the later key (a manual rotation at that instant)
            }
        }
        return keys[Math.max(0, i)];
    }

    DrmKey byId(long id) {
        for (int i = keys.length - 1; i >= 0; i--) {
            if (keys[i].id() == id) {
                return keys[i];
            }
        }
        return null;
    }
}
