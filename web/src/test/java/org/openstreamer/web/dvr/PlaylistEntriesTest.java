package org.openstreamer.web.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.ejb.dvr.ArchiveSegment;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaylistEntriesTest {

    static ArchiveSegment segment(long startMs, long durationMs, long seq) {
        return new ArchiveSegment("cam1", startMs, durationMs, 1000, seq, "/storage", DvrPaths.relative(startMs, durationMs));
    }

    @Test
    void aRecordingGapBecomesADiscontinuityAndUrisAreRelativeToTheStream() {
        long t = 1_764_928_800_000L; // 2025-12-05T10:00:00Z
        List<PlaylistSegment> entries = PlaylistEntries.of(List.of(segment(t, 4000, 7), segment(t + 4000, 3960, 8),
                segment(t + 9000, 4000, 9), segment(t + 20_000, 4040, 10)));
        assertEquals(List.of(false, false, false, true), entries.stream().map(PlaylistSegment::discontinuity).toList(),
                "a second late is within tolerance, seven are a gap");
        assertEquals("2025/12/05/10/00/00-04000.ts", entries.get(0).uri());
        assertEquals(7, entries.get(0).sequence());
        assertEquals(4040, entries.get(3).durationMillis());
    }
}
