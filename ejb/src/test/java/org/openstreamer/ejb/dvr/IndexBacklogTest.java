package org.openstreamer.ejb.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ArchiveSegmentRecord;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segments kept while the DVR index cannot be written: ordered, bounded, each once. */
class IndexBacklogTest {

    private static ArchiveSegmentRecord seg(String stream, long startMillis) {
        return new ArchiveSegmentRecord(stream, startMillis, 2000, 1000, "/dvr", "p-" + startMillis + ".ts");
    }

    private static List<Long> starts(List<ArchiveSegmentRecord> rows) {
        return rows.stream().map(ArchiveSegmentRecord::startMillis).toList();
    }

    @Test
    void keepsWhatWasReportedInTheOrderItCame() {
        IndexBacklog b = new IndexBacklog(100);
        b.add(List.of(seg("a", 0), seg("b", 500)));
        b.add(List.of(seg("a", 2000)));
        b.add(List.of(seg("a", 4000), seg("b", 2500)));
        IndexBacklog.Pending p = b.pending();
        assertEquals(List.of(0L, 500L, 2000L, 4000L, 2500L), starts(p.rows()));
        assertEquals(List.of(), p.rescans());
    }

    @Test
    void aSegmentReportedTwiceIsKeptOnce() {
        IndexBacklog b = new IndexBacklog(100);
        b.add(List.of(seg("a", 0), seg("a", 2000)));
        b.add(List.of(seg("a", 2000), seg("a", 4000), seg("a", 0)));
        assertEquals(List.of(0L, 2000L, 4000L), starts(b.pending().rows()));
        assertEquals(3, b.size());
    }

    @Test
    void writtenRowsLeaveAndRowsAddedMeanwhileStay() {
        IndexBacklog b = new IndexBacklog(100);
        b.add(List.of(seg("a", 0), seg("a", 2000)));
        IndexBacklog.Pending p = b.pending();
        b.add(List.of(seg("a", 4000)));
        b.written(p);
        assertEquals(List.of(4000L), starts(b.pending().rows()));
        b.written(b.pending());
        assertTrue(b.pending().isEmpty());
        // Written once, a segment reported again is a new entry (the index skips it as a duplicate).
        b.add(List.of(seg("a", 0)));
        assertEquals(1, b.size());
    }

    @Test
    void pastItsCapacityAStreamIsMarkedForARescanFromItsFirstSegmentNotKept() {
        IndexBacklog b = new IndexBacklog(3);
        b.add(List.of(seg("a", 0), seg("b", 0), seg("a", 2000)));
        assertEquals(2, b.add(List.of(seg("a", 4000), seg("b", 2000))));
        assertEquals(1, b.add(List.of(seg("a", 6000))));
        IndexBacklog.Pending p = b.pending();
        assertEquals(3, p.rows().size(), "memory stays bounded");
        assertEquals(List.of(0L, 0L, 2000L), starts(p.rows()));
        assertEquals(2, p.rescans().size());
        assertTrue(p.rescans().contains(new IndexBacklog.Rescan("a", "/dvr", 4000)));
        assertTrue(p.rescans().contains(new IndexBacklog.Rescan("b", "/dvr", 2000)));
        assertEquals(3, b.notKept());
    }

    @Test
    void aMarkedStreamKeepsNoNewerRowsSoItsSegmentsStayInTimeOrder() {
        IndexBacklog b = new IndexBacklog(2);
        b.add(List.of(seg("a", 0), seg("b", 0), seg("a", 2000)));
        IndexBacklog.Pending first = b.pending();
        b.written(first); // the rows left, the rescan of a too: room again
        assertEquals(List.of(), b.rescanStreams());
        b.add(List.of(seg("a", 4000)));
        assertEquals(List.of(4000L), starts(b.pending().rows()));

        IndexBacklog c = new IndexBacklog(2);
        c.add(List.of(seg("a", 0), seg("b", 0), seg("a", 2000)));
        c.written(new IndexBacklog.Pending(List.of(seg("b", 0)), List.of())); // b written, a's rescan not yet
        c.add(List.of(seg("a", 4000)));
        assertEquals(List.of(0L), starts(c.pending().rows()), "a's newer segment waits for its rescan, not in the rows");
        assertEquals(List.of(new IndexBacklog.Rescan("a", "/dvr", 2000)), c.pending().rescans());
    }

    @Test
    void aRescanMovedEarlierMeanwhileStays() {
        IndexBacklog b = new IndexBacklog(1);
        b.add(List.of(seg("a", 0), seg("a", 4000)));
        IndexBacklog.Pending p = b.pending();
        b.add(List.of(seg("a", 2000))); // a late report of an older segment moves the mark back
        b.written(p);
        assertEquals(List.of(new IndexBacklog.Rescan("a", "/dvr", 2000)), b.pending().rescans());
    }

    @Test
    void aLongOutageStaysWithinTheCapacity() {
        IndexBacklog b = new IndexBacklog(1000);
        for (int batch = 0; batch < 10_000; batch++) {
            List<ArchiveSegmentRecord> rows = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                rows.add(seg("s" + s, batch * 2000L));
            }
            b.add(rows);
        }
        assertEquals(1000, b.size());
        assertEquals(5, b.pending().rescans().size());
        assertEquals(49_000, b.notKept());
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new IndexBacklog(0));
    }
}
