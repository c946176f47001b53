package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.ArchiveSegmentRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DVR index in PostgreSQL, with plain JDBC: segments are appended in batches (one
 * transaction for all the segments the recorder reports in a second), and the recorded ranges
 * are kept current beside them, so neither playlists nor recording_status have to read more
 * rows than they answer with. Each change of a stream's index holds a transaction-scoped advisory
 * lock on the stream, so concurrent batches cannot number segments twice.
 */
public final class DvrIndex {

    /** A segment starting within this of a range's end extends the range; later, a gap begins. */
    public static final long GAP_TOLERANCE_MS = 1500;
    /** No segment is longer (segment_duration is at most 60 s; a GOP may stretch one). */
    static final long MAX_SEGMENT_MS = 300_000;
    private static final int LOCK_SPACE = 6;

    private static final String SEGMENT_COLUMNS = "stream, start_ms, duration_ms, bytes, seq, root, path";

    private DvrIndex() {
    }

    static void lock(Connection c, String stream) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, LOCK_SPACE);
            s.setString(2, stream);
            s.execute();
        }
    }

    /** Adds segments written by the recorder or found on disk; already indexed ones are skipped. */
    public static int append(Connection c, String node, List<ArchiveSegmentRecord> rows) throws SQLException {
        Map<String, List<ArchiveSegmentRecord>> byStream = new LinkedHashMap<>();
        rows.forEach(r -> byStream.computeIfAbsent(r.stream(), k -> new ArrayList<>()).add(r));
        int added = 0;
        for (Map.Entry<String, List<ArchiveSegmentRecord>> e : byStream.entrySet()) {
            added += appendStream(c, node, e.getKey(), e.getValue());
        }
        return added;
    }

    private static int appendStream(Connection c, String node, String stream, List<ArchiveSegmentRecord> rows) throws SQLException {
        rows.sort(java.util.Comparator.comparingLong(ArchiveSegmentRecord::startMillis));
        lock(c, stream);
        ArchiveSegment latest = latest(c, stream);
        long seq = latest == null ? 0 : latest.seq();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO dvr_segments (" + SEGMENT_COLUMNS + ", node)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ArchiveSegmentRecord r : rows) {
                ins.setString(1, stream);
                ins.setLong(2, r.startMillis());
                ins.setLong(3, r.durationMillis());
                ins.setLong(4, r.bytes());
                ins.setLong(5, ++seq);
                ins.setString(6, r.root());
                ins.setString(7, r.path());
                ins.setString(8, node);
                ins.addBatch();
            }
            int[] counts = ins.executeBatch();
            List<ArchiveSegmentRecord> inserted = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) { // 1, or SUCCESS_NO_INFO
                    inserted.add(rows.get(i));
                }
            }
            boolean older = latest != null && inserted.stream().anyMatch(r -> r.startMillis() < latest.startMillis());
            if (older) {
                rebuildRanges(c, stream); // files found late, older than what was indexed: rare
            } else if (!inserted.isEmpty()) {
                extendRanges(c, stream, inserted);
            }
            return inserted.size();
        }
    }

    private static void extendRanges(Connection c, String stream, List<ArchiveSegmentRecord> rows) throws SQLException {
        ArchiveRange last = null;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT from_ms, to_ms FROM dvr_ranges WHERE stream = ? ORDER BY from_ms DESC LIMIT 1")) {
            q.setString(1, stream);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    last = new ArchiveRange(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        List<ArchiveRange> ranges = new ArrayList<>();
        if (last != null) {
            ranges.add(last);
        }
        rows.forEach(r -> extend(ranges, r.startMillis(), r.endMillis()));
        save(c, stream, ranges);
    }

    /** Adds a segment to the last run if it starts within the gap tolerance of its end, else starts a run. */
    private static void extend(List<ArchiveRange> runs, long startMillis, long endMillis) {
        ArchiveRange tail = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (tail != null && startMillis <= tail.toMillis() + GAP_TOLERANCE_MS) {
            runs.set(runs.size() - 1, new ArchiveRange(tail.fromMillis(), Math.max(tail.toMillis(), endMillis)));
        } else {
            runs.add(new ArchiveRange(startMillis, endMillis));
        }
    }

    /** Writes {@code runs}; one that exists already keeps the later end. */
    private static void save(Connection c, String stream, List<ArchiveRange> runs) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO dvr_ranges (stream, from_ms, to_ms) VALUES (?, ?, ?)"
                + " ON CONFLICT (stream, from_ms) DO UPDATE SET to_ms = greatest(dvr_ranges.to_ms, excluded.to_ms)")) {
            for (ArchiveRange r : runs) {
                ins.setString(1, stream);
                ins.setLong(2, r.fromMillis());
                ins.setLong(3, r.toMillis());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Recomputes all the ranges of {@code stream} from its segments (after a reindex or late files). */
    public static void rebuildRanges(Connection c, String stream) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM dvr_ranges WHERE stream = ?")) {
            del.setString(1, stream);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO dvr_ranges (stream, from_ms, to_ms)
                SELECT ?, min(start_ms), max(start_ms + duration_ms)
                  FROM (SELECT start_ms, duration_ms, sum(gap) OVER (ORDER BY start_ms) AS run
                          FROM (SELECT start_ms, duration_ms,
                                       CASE WHEN start_ms <= max(start_ms + duration_ms) OVER (ORDER BY start_ms
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + ?
                                            THEN 0 ELSE 1 END AS gap
                                  FROM dvr_segments WHERE stream = ?) marked) runs
                 GROUP BY run""")) {
            ins.setString(1, stream);
            ins.setLong(2, GAP_TOLERANCE_MS);
            ins.setString(3, stream);
            ins.executeUpdate();
        }
    }

    /** The newest segment of {@code stream}, or null. */
    public static ArchiveSegment latest(Connection c, String stream) throws SQLException {
        List<ArchiveSegment> one = query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments WHERE stream = ?"
                + " ORDER BY start_ms DESC LIMIT 1", stream);
        return one.isEmpty() ? null : one.get(0);
    }

    /** The segments that overlap {@code [fromMs, toMs)}, oldest first. */
    public static List<ArchiveSegment> segments(Connection c, String stream, long fromMs, long toMs) throws SQLException {
        return query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments WHERE stream = ? AND start_ms > ? AND start_ms < ?"
                + " AND start_ms + duration_ms > ? ORDER BY start_ms", stream, fromMs - MAX_SEGMENT_MS, toMs, fromMs);
    }

    /**
     * Like {@link #segments}, with only what a playlist lists (start, duration, sequence, path;
     * no bytes, and the stream's name shared): a day is 21,600 rows, so what each row costs counts.
     */
    public static List<ArchiveSegment> listed(Connection c, String stream, long fromMs, long toMs) throws SQLException {
        List<ArchiveSegment> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT start_ms, duration_ms, seq, path FROM dvr_segments"
                + " WHERE stream = ? AND start_ms > ? AND start_ms < ? AND start_ms + duration_ms > ? ORDER BY start_ms")) {
            q.setString(1, stream);
            q.setLong(2, fromMs - MAX_SEGMENT_MS);
            q.setLong(3, toMs);
            q.setLong(4, fromMs);
            q.setFetchSize(5000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArchiveSegment(stream, rs.getLong(1), rs.getLong(2), 0, rs.getLong(3), null, rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The segments starting at or after {@code fromMs}, oldest first, at most {@code limit}. */
    public static List<ArchiveSegment> after(Connection c, String stream, long fromMs, int limit) throws SQLException {
        return query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments WHERE stream = ? AND start_ms >= ?"
                + " ORDER BY start_ms LIMIT " + limit, stream, fromMs);
    }

    /** The segments ending at or before {@code toMs}, newest last, at most {@code limit}. */
    public static List<ArchiveSegment> before(Connection c, String stream, long toMs, int limit) throws SQLException {
        List<ArchiveSegment> newestFirst = query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments WHERE stream = ?"
                + " AND start_ms < ? AND start_ms + duration_ms <= ? ORDER BY start_ms DESC LIMIT " + limit, stream, toMs, toMs);
        List<ArchiveSegment> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The segment that starts within the second {@code secondMs} (a name without milliseconds) and lasts {@code durationMs}. */
    public static ArchiveSegment byName(Connection c, String stream, long startMs, long durationMs, boolean exact) throws SQLException {
        List<ArchiveSegment> found = query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments WHERE stream = ?"
                + " AND start_ms >= ? AND start_ms < ? AND duration_ms = ? ORDER BY start_ms LIMIT 1",
                stream, startMs, exact ? startMs + 1 : startMs + 1000, durationMs);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The oldest segments of {@code stream} that end at or before {@code endBeforeMs} and overlap
     * no lock: what retention may delete, at most {@code limit}.
     */
    public static List<ArchiveSegment> deletable(Connection c, String stream, long endBeforeMs, int limit) throws SQLException {
        return query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments s WHERE s.stream = ? AND s.start_ms + s.duration_ms <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM dvr_locks l WHERE l.stream = s.stream"
                + " AND l.from_s * 1000 < s.start_ms + s.duration_ms AND (l.from_s + l.duration_s) * 1000 > s.start_ms)"
                + " ORDER BY s.start_ms LIMIT " + limit, stream, endBeforeMs);
    }

    /** Bytes the index holds for {@code stream}, or for every stream under {@code root} when stream is null. */
    public static long bytes(Connection c, String stream, String root) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(stream != null ? "SELECT coalesce(sum(bytes), 0) FROM dvr_segments WHERE stream = ?"
                : "SELECT coalesce(sum(bytes), 0) FROM dvr_segments WHERE root = ?")) {
            q.setString(1, stream != null ? stream : root);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The recorded ranges overlapping {@code [fromMs, toMs)}, oldest first. */
    public static List<ArchiveRange> ranges(Connection c, String stream, long fromMs, long toMs) throws SQLException {
        List<ArchiveRange> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT from_ms, to_ms FROM dvr_ranges WHERE stream = ?"
                + " AND from_ms < ? AND to_ms > ? ORDER BY from_ms")) {
            q.setString(1, stream);
            q.setLong(2, toMs);
            q.setLong(3, fromMs);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArchiveRange(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** The first and last recorded instants of {@code stream}, or null when it has no archive. */
    public static ArchiveRange total(Connection c, String stream) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT min(from_ms), max(to_ms) FROM dvr_ranges WHERE stream = ?")) {
            q.setString(1, stream);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long from = rs.getLong(1);
                return rs.wasNull() ? null : new ArchiveRange(from, rs.getLong(2));
            }
        }
    }

    /** Streams that have an archive. */
    public static List<String> streams(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT stream FROM dvr_ranges ORDER BY stream");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Removes every index row of {@code stream} (its files stay). */
    public static void clear(Connection c, String stream) throws SQLException {
        lock(c, stream);
        for (String table : List.of("dvr_segments", "dvr_ranges")) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE stream = ?")) {
                del.setString(1, stream);
                del.executeUpdate();
            }
        }
    }

    /**
     * Removes {@code deleted} (oldest first, already gone from disk) from the index and mends the
     * ranges they were in: what remains before the last of them (only locked segments, since
     * retention deletes the oldest first) becomes its own runs, and the range that went on past
     * them now starts at its first remaining segment.
     */
    public static void remove(Connection c, String stream, List<ArchiveSegment> deleted) throws SQLException {
        if (deleted.isEmpty()) {
            return;
        }
        lock(c, stream);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM dvr_segments WHERE stream = ? AND start_ms = ?")) {
            for (ArchiveSegment s : deleted) {
                del.setString(1, stream);
                del.setLong(2, s.startMillis());
                del.addBatch();
            }
            del.executeBatch();
        }
        long spanEnd = deleted.stream().mapToLong(ArchiveSegment::endMillis).max().orElseThrow();
        long tailTo = -1;
        try (PreparedStatement q = c.prepareStatement("SELECT max(to_ms) FROM dvr_ranges WHERE stream = ? AND from_ms < ?")) {
            q.setString(1, stream);
            q.setLong(2, spanEnd);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    tailTo = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM dvr_ranges WHERE stream = ? AND from_ms < ?")) {
            d.setString(1, stream);
            d.setLong(2, spanEnd);
            d.executeUpdate();
        }
        List<ArchiveSegment> remaining = new ArrayList<>(query(c, "SELECT " + SEGMENT_COLUMNS + " FROM dvr_segments"
                + " WHERE stream = ? AND start_ms < ? ORDER BY start_ms", stream, spanEnd));
        if (tailTo > spanEnd) {
            remaining.addAll(after(c, stream, spanEnd, 1));
        }
        List<ArchiveRange> runs = new ArrayList<>();
        remaining.forEach(seg -> extend(runs, seg.startMillis(), seg.endMillis()));
        if (tailTo > spanEnd && !runs.isEmpty()) {
            ArchiveRange last = runs.remove(runs.size() - 1);
            runs.add(new ArchiveRange(last.fromMillis(), Math.max(last.toMillis(), tailTo)));
        }
        save(c, stream, runs);
    }

    static List<ArchiveSegment> query(Connection c, String sql, Object... args) throws SQLException {
        List<ArchiveSegment> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            q.setFetchSize(5000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArchiveSegment(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }
}
