package org.openstreamer.connector.ingest.timeshift;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.dvr.DvrArchive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimeshiftSourceTest {

    private static final DvrArchive ARCHIVE = new DvrArchive();
    static final Path FOLDER = Path.of("target", "timeshift-test", "ort").toAbsolutePath();
    static final long T = 1_764_928_800_000L; // 10:00:00 UTC

    static void segment(long start, long duration) throws Exception {
        Path f = FOLDER.resolve(DvrPaths.relative(start, duration));
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[188]);
    }

    @Test
    void urlsNameAStreamAndADelay() {
        assertEquals(new TimeshiftSource.Spec("ort", 3_600_000), TimeshiftSource.parse("timeshift://ort/3600"));
        assertEquals(new TimeshiftSource.Spec("live/cam1", 60_000), TimeshiftSource.parse("TIMESHIFT://live/cam1/60"));
        assertNull(TimeshiftSource.parse("timeshift://ort"));
        assertNull(TimeshiftSource.parse("udp://239.0.0.1:1234"));
        assertNull(TimeshiftSource.parse(null));
    }

    @Test
    void theSegmentPlayingAtTheDelayedInstantThenEachNextOneAcrossMinutesAndGaps() throws Exception {
        if (Files.exists(FOLDER)) {
            try (Stream<Path> s = Files.walk(FOLDER)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        segment(T + 52_000, 4000);
        segment(T + 56_000, 4000);
        segment(T + 60_000, 4000);      // the next minute's folder
        segment(T + 600_000, 4000);     // after a nine-minute gap

        var first = ARCHIVE.next(FOLDER.getParent().toString(), "ort", Long.MIN_VALUE, T + 57_000);
        assertEquals(T + 56_000, first.startMillis(), "the one playing at the position");
        assertEquals(T + 60_000, ARCHIVE.next(FOLDER.getParent().toString(), "ort", T + 56_000, T + 61_000).startMillis());
        assertNull(ARCHIVE.next(FOLDER.getParent().toString(), "ort", T + 60_000, T + 300_000), "in the gap: nothing yet");
        assertEquals(T + 600_000, ARCHIVE.next(FOLDER.getParent().toString(), "ort", T + 60_000, T + 600_500).startMillis());
        assertNull(ARCHIVE.next(FOLDER.getParent().toString(), "ort", Long.MIN_VALUE, T + 300_000), "nothing plays inside a gap");
    }
}
