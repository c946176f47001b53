package org.openstreamer.ejb.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ArchiveSegmentRecord;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files found on disk after a start are indexed before the batch that found them. */
class RecordedBeforeStartTest {

    /** A segment as the recorder reports it: the start to the millisecond. */
    private static ArchiveSegmentRecord reported(String stream, long startMillis) {
        return new ArchiveSegmentRecord(stream, startMillis, 2000, 1000, "/dvr", "r-" + startMillis + ".ts");
    }

    /** A segment as a scan of the disk finds it: the start to the second, from its name. */
    private static ArchiveSegmentRecord onDisk(String stream, long startMillis) {
        return new ArchiveSegmentRecord(stream, startMillis / 1000 * 1000, 2000, 1000, "/dvr", "d-" + startMillis + ".ts");
    }

    @Test
    void whatWaitsBeginsAtTheSecondOfTheOldestReportedRowOrMarkedRescanOfEachStream() {
        IndexBacklog.Pending pending = new IndexBacklog.Pending(
                List.of(reported("a", 20_400), reported("b", 9_900), reported("a", 18_700)),
                List.of(new IndexBacklog.Rescan("c", "/dvr", 55_250), new IndexBacklog.Rescan("b", "/dvr", 30_000)));
        assertEquals(Map.of("a", 18_000L, "b", 9_000L, "c", 55_000L), RecordedBeforeStart.waitingFrom(pending));
    }

    @Test
    void aRecordingStreamTakesTheFilesBeforeWhatTheRecorderReportedSinceTheStart() {
        Map<String, Long> waiting = Map.of("a", 100_000L);
        long settled = 1_000_000; // far later: not what decides for a stream that has rows waiting
        assertTrue(RecordedBeforeStart.take(onDisk("a", 60_000), waiting, settled), "recorded before the restart");
        assertTrue(RecordedBeforeStart.take(onDisk("a", 98_000), waiting, settled));
        assertFalse(RecordedBeforeStart.take(onDisk("a", 100_300), waiting, settled), "the reported segment itself, named to the second");
        assertFalse(RecordedBeforeStart.take(onDisk("a", 102_000), waiting, settled), "reported later by the recorder");
    }

    @Test
    void aStreamWithNothingWaitingTakesOnlyFilesThatEndedBeforeTheSettlingTime() {
        long settled = 100_000;
        assertTrue(RecordedBeforeStart.take(onDisk("idle", 90_000), Map.of("a", 0L), settled));
        assertTrue(RecordedBeforeStart.take(onDisk("idle", 98_000), Map.of(), settled), "ends exactly at the limit");
        assertFalse(RecordedBeforeStart.take(onDisk("idle", 99_000), Map.of(), settled),
                "may still be on its way to the index in the recorder's batches");
    }

    @Test
    void thePendingRowsOfOneStreamDoNotBoundAnother() {
        IndexBacklog.Pending pending = new IndexBacklog.Pending(List.of(reported("a", 5_000)), List.of());
        Map<String, Long> waiting = RecordedBeforeStart.waitingFrom(pending);
        assertTrue(RecordedBeforeStart.take(onDisk("b", 50_000), waiting, 60_000));
        assertFalse(RecordedBeforeStart.take(onDisk("a", 50_000), waiting, 60_000));
    }
}
