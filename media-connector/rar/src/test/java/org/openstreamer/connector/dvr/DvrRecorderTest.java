package org.openstreamer.connector.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.packager.hls.HlsSegmenter;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live stream fed from a real TS file, its closed segments recorded to a folder. */
class DvrRecorderTest {

    static final Path ROOT = Path.of("target", "dvr-recorder-test").toAbsolutePath();

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private final List<List<ArchiveSegmentRecord>> batches = new CopyOnWriteArrayList<>();

    /** Feeds the 10 s fixture (GOP 2 s) into a stream cut every 2 s whose segments go to the recorder. */
    private DvrRecorder record(String name, DvrSettings dvr) throws Exception {
        DvrRecorder recorder = new DvrRecorder(new DvrArchive(), events::add, batches::add, 64);
        LiveStream live = new LiveStream(name);
        HlsSegmenter segmenter = new HlsSegmenter(live, 2, 4);
        segmenter.addListener((s, window) -> recorder.offer(name, dvr, s));
        live.addConsumer(segmenter);
        live.publisherStarted("127.0.0.1:1", 1);
        TsDemuxer demuxer = new TsDemuxer(live);
        byte[] ts = TsFixtures.bytes("h264_aac");
        demuxer.feed(ts, 0, ts.length);
        live.publisherStopped();
        recorder.stop();
        recorder.run(); // writes what was queued, then flushes
        return recorder;
    }

    private static List<Path> files(Path folder, String suffix) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everySegmentIsAFileNamedByItsStartAndDurationAndTheEventsListThem() throws Exception {
        TestFolders.clean(ROOT.resolve("cam"));
        DvrRecorder recorder = record("cam", new DvrSettings(ROOT.toString(), true, List.of()));
        List<Path> written = files(ROOT.resolve("cam"), ".ts");
        assertEquals(5, written.size(), written.toString());
        assertEquals(List.of(), files(ROOT.resolve("cam"), ".tmp"));
        assertEquals(List.of(), events);
        List<ArchiveSegmentRecord> rows = batches.stream().flatMap(List::stream).toList();
        assertEquals(5, rows.size(), rows.toString());
        for (ArchiveSegmentRecord row : rows) {
            assertEquals("cam", row.stream());
            assertEquals(ROOT.toString(), row.root());
            Path file = ROOT.resolve("cam").resolve(row.path());
            assertEquals(Files.size(file), row.bytes(), row.toString());
            DvrPaths.SegmentName n = DvrPaths.parse(row.path());
            assertEquals(row.startMillis() / 1000 * 1000, n.startMillis(), row.toString());
            assertEquals(row.durationMillis(), n.durationMillis(), row.toString());
            assertTrue(Math.abs(n.durationMillis() - 2000) <= 40, row.toString());
        }
        assertEquals(5, recorder.status("cam", new DvrSettings(ROOT.toString(), true, List.of())).segments());
    }

    @Test
    void outsideItsScheduleOrSwitchedOffNothingIsWritten() throws Exception {
        TestFolders.clean(ROOT.resolve("off"));
        int now = (int) (System.currentTimeMillis() / 60_000 % 1440);
        record("off", new DvrSettings(ROOT.toString(), true, List.of((now + 60) % 1440, (now + 120) % 1440)));
        record("off", new DvrSettings(ROOT.toString(), false, List.of()));
        assertEquals(List.of(), files(ROOT.resolve("off"), ".ts"));
        assertTrue(events.isEmpty(), events.toString());
        assertTrue(batches.isEmpty(), batches.toString());
    }

    @Test
    void aFailingFolderIsReportedOnceAndCounted() throws Exception {
        Path root = ROOT.resolve("failing");
        TestFolders.clean(root);
        Files.createDirectories(root);
        Files.writeString(root.resolve("blocked"), "a file where the stream's folder should be");
        DvrRecorder recorder = record("blocked", new DvrSettings(root.toString(), true, List.of()));
        assertEquals(1, events.size(), events.toString());
        assertEquals(List.of(), batches);
        assertEquals("dvr_write_failed", events.get(0).type());
        assertTrue(((String) events.get(0).data().get("reason")).contains("blocked"), events.toString());
        var status = recorder.status("blocked", new DvrSettings(root.toString(), true, List.of()));
        assertEquals(5, status.failed());
        assertTrue(status.error() != null);
    }

    /** Test folders under target/, emptied before use. */
    static final class TestFolders {
        static void clean(Path folder) throws Exception {
            if (Files.exists(folder)) {
                try (Stream<Path> s = Files.walk(folder)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
