package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.ArchiveSegmentRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments the recorder reported that are not in the DVR index yet, in the order they came:
 * while PostgreSQL is down they wait here and are written first, before anything newer, when it
 * is back, so each stream's segments are numbered in time order and catch-up over the outage has
 * no gap. A segment reported twice is kept once. Bounded: past {@code capacity} rows a segment
 * is not kept, and its stream is marked instead to have its files from that instant read again
 * from disk ({@link Rescan}), so memory stays bounded however long the outage.
 * Thread-safe.
 */
public final class IndexBacklog {

    /** Read the files of {@code stream} under {@code root} starting at or after {@code fromMillis} again. */
    public record Rescan(String stream, String root, long fromMillis) {
    }

    /** What to write now: the kept rows, oldest report first, and the streams to read from disk. */
    public record Pending(List<ArchiveSegmentRecord> rows, List<Rescan> rescans) {
        public boolean isEmpty() {
            return rows.isEmpty() && rescans.isEmpty();
        }
    }

    private record Key(String stream, long startMillis) {
        static Key of(ArchiveSegmentRecord r) {
            return new Key(r.stream(), r.startMillis());
        }
    }

    private final int capacity;
    private final LinkedHashMap<Key, ArchiveSegmentRecord> rows = new LinkedHashMap<>();
    private final Map<String, Rescan> rescans = new HashMap<>();
    private long notKept;

    public IndexBacklog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds what the recorder reported; returns how many rows did not fit and were marked for a rescan. */
    public synchronized int add(List<ArchiveSegmentRecord> reported) {
        int overflow = 0;
        for (ArchiveSegmentRecord r : reported) {
            Key k = Key.of(r);
            if (rows.containsKey(k)) {
                continue;
            }
            Rescan marked = rescans.get(r.stream());
            if (marked != null || rows.size() >= capacity) {
                // Once a stream has a rescan, its later segments come from disk too, in time order.
                if (marked == null || r.startMillis() < marked.fromMillis()) {
                    rescans.put(r.stream(), new Rescan(r.stream(), r.root(), r.startMillis()));
                }
                overflow++;
                notKept++;
                continue;
            }
            rows.put(k, r);
        }
        return overflow;
    }

    /** A copy of what waits, to write in one go. */
    public synchronized Pending pending() {
        return new Pending(List.copyOf(rows.values()), List.copyOf(rescans.values()));
    }

    /** Drops what {@code written} held (and was stored): rows, and rescans not moved earlier since. */
    public synchronized void written(Pending written) {
        written.rows().forEach(r -> rows.remove(Key.of(r)));
        for (Rescan r : written.rescans()) {
            rescans.remove(r.stream(), r);
        }
    }

    public synchronized int size() {
        return rows.size();
    }

    /** Segments that did not fit since the start, left to a rescan of the files. */
    public synchronized long notKept() {
        return notKept;
    }

    /** The streams marked for a rescan, by name (for tests and status). */
    public synchronized List<String> rescanStreams() {
        return new ArrayList<>(rescans.keySet());
    }
}
