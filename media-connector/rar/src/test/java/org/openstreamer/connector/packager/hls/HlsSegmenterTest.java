package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.buffer.HubDriver;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.buffer.TestSinks;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.buffer.HubDriver.PMT_PID;
import static org.openstreamer.connector.buffer.HubDriver.VIDEO_PID;

/** The segmenter on a hub fed the way the demuxer feeds it: cuts, window, playlists, reconnects. */
class HlsSegmenterTest {

    LiveStream stream;
    HubDriver driver;
    HlsSegmenter segmenter;
    DelayRecorder delays;
    @TempDir
    Path memory;

    @BeforeEach
    void setUp() {
        delays = new DelayRecorder();
        stream = new LiveStream("cam1");
        segmenter = new HlsSegmenter(stream, 4, 4, delays, SegmentFiles.of(memory.toString()));
        stream.addConsumer(segmenter);
        driver = new HubDriver(stream);
        driver.startPublisher();
    }

    @Test
    void segmentsAreCutAtKeyframesOnceTheTargetHasPassed() {
        driver.play(10);
        List<Segment> segments = segmenter.window().segments();
        assertEquals(2, segments.size(), "0-4 s and 4-8 s closed, 8-10 s still open");
        assertEquals(4.0, segments.get(0).seconds(), 1e-9);
        assertEquals(360_000, segments.get(1).startPts() - segments.get(0).startPts());
        assertEquals(0, segments.get(0).sequence());
        assertEquals(1, segments.get(1).sequence());
        assertFalse(segments.get(0).discontinuity());
        assertEquals(segments.get(0).startMillis() + 4000, segments.get(1).startMillis(), "a continuous timeline");
    }

    @Test
    void segmentBytesStartWithTablesThenTheKeyframe() throws Exception {
        driver.play(6);
        Segment s = segmenter.window().segments().get(0);
        assertNotNull(s.file(), "kept in a memory file");
        Path copy = memory.resolve("copy.ts");
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            s.copyTo(ch);
        }
        byte[] bytes = Files.readAllBytes(copy);
        assertEquals(s.size(), bytes.length);
        assertEquals(0, bytes.length % 188);
        assertEquals(0, ((bytes[1] & 0x1F) << 8) | (bytes[2] & 0xFF), "PAT first");
        assertEquals(PMT_PID, ((bytes[189] & 0x1F) << 8) | (bytes[190] & 0xFF), "then PMT");
        assertEquals(VIDEO_PID, ((bytes[377] & 0x1F) << 8) | (bytes[378] & 0xFF));
        assertEquals((byte) 0xAA, bytes[376 + 10], "the first media packet is the keyframe's");
        // 4 s at 25 fps: 100 frames of 2 packets, plus 50 audio packets
        assertEquals(376 + 250 * 188, bytes.length);
    }

    @Test
    void playlistFollowsRfc8216() {
        driver.play(29); // seven closed, the newest four listed
        String m3u8 = HlsPlaylistWriter.media(segmenter.window());
        assertNotNull(m3u8);
        List<String> lines = m3u8.lines().toList();
        assertEquals("#EXTM3U", lines.get(0));
        assertTrue(lines.contains("#EXT-X-TARGETDURATION:4"), m3u8);
        assertTrue(lines.contains("#EXT-X-MEDIA-SEQUENCE:3"), m3u8);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("#EXTINF:4.000,")).count(), m3u8);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).count());
        assertTrue(lines.stream().filter(l -> l.endsWith(".ts")).allMatch(l -> l.matches("\\d{4}/\\d\\d/\\d\\d/\\d\\d/\\d\\d/\\d\\d-04000\\.ts")), m3u8);
        assertEquals(6, segmenter.window().segments().size(), "count + 2 held for late players");
    }

    @Test
    void noPlaylistBeforeTheFirstSegmentCloses() {
        driver.play(3);
        assertNull(HlsPlaylistWriter.media(segmenter.window()));
    }

    @Test
    void reconnectGivesADiscontinuityNotABrokenPlaylist() {
        driver.play(9); // two closed, 8-9 s open
        stream.publisherStopped();
        assertEquals(3, segmenter.window().segments().size(), "the tail became a short segment");
        assertEquals(1.0, segmenter.window().segments().get(2).seconds(), 1e-9);

        driver.pts = 180_000; // a new publisher, a new clock (starting on a keyframe)
        driver.startPublisher();
        driver.play(9);
        List<Segment> segments = segmenter.window().segments();
        assertTrue(segments.get(3).discontinuity(), "first segment of the new publisher");
        assertFalse(segments.get(4).discontinuity());
        String m3u8 = HlsPlaylistWriter.media(segmenter.window());
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY\n"), m3u8);

        driver.play(30); // the discontinuity slides out of the listed window
        String later = HlsPlaylistWriter.media(segmenter.window());
        assertTrue(later.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1"), later);
    }

    @Test
    void aNewSegmentDurationAppliesFromTheNextCut() {
        driver.play(10);
        segmenter.reconfigure(2, 4);
        driver.play(10);
        List<Segment> segments = segmenter.window().segments();
        assertEquals(2.0, segments.get(segments.size() - 1).seconds(), 1e-9);
    }

    @Test
    void aReaderThatFallsBehindIsEndedNotWaitedFor() throws Exception {
        driver.play(3);
        LiveTsReader slow = stream.openReader();
        driver.play(60); // the store lets go of what the slow reader never read
        assertEquals(LiveTsReader.ENDED, slow.read(TestSinks.DISCARD, 1 << 20));
        assertEquals(0, stream.readerCount());
    }

    @Test
    void segmentAvailabilityDelayIsRecordedPerCut() {
        driver.play(10);
        var stats = delays.stats();
        assertEquals(2, stats.count(), "cuts at 4 s and 8 s");
        assertTrue(stats.p99() >= 0 && stats.p99() < 1_000_000, stats.toString());
    }
}
