package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.ArchiveSegmentRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the segment files recorded before this server started that the DVR index lacks: those the
 * last run kept in its in-memory {@link IndexBacklog} while PostgreSQL was down, lost when it
 * stopped. Looked for once, by the first batch that reaches PostgreSQL after the start, and written
 * before that batch, so each stream's segments stay numbered in time order and its range has no gap.
 * <p>
 * Only what cannot be indexed otherwise is taken: for each stream, the files newer than its newest
 * indexed segment (never a whole archive), and older than what the recorder reported since the
 * start (those are in the backlog or on their way); for a stream with nothing reported yet, the
 * files that ended at least {@link DvrRetention#SETTLE_MS} ago. File names give the start to the
 * second, so the comparisons are made to the second.
 */
final class RecordedBeforeStart {

    private RecordedBeforeStart() {
    }

    /**
     * The streams to look at, each as a {@link IndexBacklog.Rescan} from just after its newest indexed
     * segment (in that segment's root): every stream with an archive, and the stored streams with
     * a DVR (an absolute root) but no archive yet, from the beginning.
     */
    static List<IndexBacklog.Rescan> streams(Connection c) throws SQLException {
        List<IndexBacklog.Rescan> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT r.stream, s.root, s.start_ms
                  FROM (SELECT DISTINCT stream FROM dvr_ranges) r
                 CROSS JOIN LATERAL (SELECT root, start_ms FROM dvr_segments
                                      WHERE stream = r.stream ORDER BY start_ms DESC LIMIT 1) s
                UNION ALL
                SELECT name, dvr_root, -1 FROM streams
                 WHERE dvr_root LIKE '/%' AND NOT EXISTS (SELECT 1 FROM dvr_ranges WHERE stream = name)""");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new IndexBacklog.Rescan(rs.getString(1), rs.getString(2), rs.getLong(3) + 1));
            }
        }
        return out;
    }

    /**
     * Per stream, the second where what waits to be written begins: the oldest row the recorder
     * reported, or the start of a rescan the backlog marked. The files from there on are not ours.
     */
    static Map<String, Long> waitingFrom(IndexBacklog.Pending pending) {
        Map<String, Long> from = new HashMap<>();
        pending.rows().forEach(r -> from.merge(r.stream(), second(r.startMillis()), Math::min));
        pending.rescans().forEach(r -> from.merge(r.stream(), second(r.fromMillis()), Math::min));
        return from;
    }

    /** Whether {@code file}, found on disk after its stream's newest indexed segment, is to be indexed now. */
    static boolean take(ArchiveSegmentRecord file, Map<String, Long> waitingFrom, long settledBeforeMillis) {
        Long waiting = waitingFrom.get(file.stream());
        return waiting != null ? file.startMillis() < waiting : file.endMillis() <= settledBeforeMillis;
    }

    private static long second(long millis) {
        return Math.floorDiv(millis, 1000) * 1000;
    }
}
