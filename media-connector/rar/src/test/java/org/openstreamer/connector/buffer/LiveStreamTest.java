package org.openstreamer.connector.buffer;

import org.openstreamer.connector.packager.hls.Segment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.packager.hls.HlsPlaylistWriter;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives a LiveStream the way the demuxer does: packets, then frames pointing at them. */
class LiveStreamTest {

    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;
    static final TsTrack VIDEO = new TsTrack(0, VIDEO_PID, 0x1B, TsTrack.Kind.VIDEO, "h264", 640, 360, 0, 0, null);
    static final TsTrack AUDIO = new TsTrack(1, AUDIO_PID, 0x0F, TsTrack.Kind.AUDIO, "aac", 0, 0, 48000, 2, "eng");

    LiveStream stream;
    long localIndex;
    long pts;

    /** A TS packet with the given PID; PAT packets carry a real program loop pointing at PMT_PID. */
    static byte[] packet(int pid, boolean unitStart, int marker) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = 0x10;
        if (pid == 0) {
            byte[] pat = {0x00, 0x00, (byte) 0xB0, 0x0D, 0x00, 0x01, (byte) 0xC1, 0x00, 0x00,
                    0x00, 0x01, (byte) (0xE0 | (PMT_PID >> 8)), (byte) PMT_PID, 0, 0, 0, 0};
            System.arraycopy(pat, 0, p, 4, pat.length);
        } else {
            p[10] = (byte) marker;
        }
        return p;
    }

    void feed(int pid, boolean unitStart, int marker) {
        stream.onPacket(packet(pid, unitStart, marker), 0);
        localIndex++;
    }

    /** One video frame of two packets (25 fps) and, every other frame, one audio frame. */
    void frame(boolean keyframe) {
        long first = localIndex;
        feed(VIDEO_PID, true, keyframe ? 0xAA : 0x11);
        stream.onFrame(first, VIDEO, pts, pts, keyframe);
        feed(VIDEO_PID, false, 0);
        if ((pts / 3600) % 2 == 0) {
            long a = localIndex;
            feed(AUDIO_PID, true, 0x22);
            stream.onFrame(a, AUDIO, pts, pts, true);
        }
        pts += 3600;
    }

    /** Seconds of video with a keyframe every 2 s. */
    void play(int seconds) {
        for (int i = 0; i < seconds * 25; i++) {
            frame(((pts / 3600) % 50) == 0);
        }
        stream.flush();
    }

    void startPublisher() {
        stream.publisherStarted("127.0.0.1:5000", 9000);
        localIndex = 0;
        feed(0, true, 0);
        feed(PMT_PID, true, 0x33);
        stream.onTracks(List.of(VIDEO, AUDIO));
    }

    DelayRecorder delays;

    @BeforeEach
    void setUp() {
        delays = new DelayRecorder();
        stream = new LiveStream("cam1", 4, 4, delays);
        pts = 900_000;
        startPublisher();
    }

    @Test
    void segmentsAreCutAtKeyframesOnceTheTargetHasPassed() {
        play(10);
        List<Segment> segments = stream.window().segments();
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
        play(6);
        Segment s = stream.window().segments().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(TestSinks.into(out));
        byte[] bytes = out.toByteArray();
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
        play(29); // seven closed, the newest four listed
        String m3u8 = HlsPlaylistWriter.media(stream.window());
        assertNotNull(m3u8);
        List<String> lines = m3u8.lines().toList();
        assertEquals("#EXTM3U", lines.get(0));
        assertTrue(lines.contains("#EXT-X-TARGETDURATION:4"), m3u8);
        assertTrue(lines.contains("#EXT-X-MEDIA-SEQUENCE:3"), m3u8);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("#EXTINF:4.000,")).count(), m3u8);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).count());
        assertTrue(lines.stream().filter(l -> l.endsWith(".ts")).allMatch(l -> l.matches("\\d{4}/\\d\\d/\\d\\d/\\d\\d/\\d\\d/\\d\\d-04000\\.ts")), m3u8);
        assertEquals(6, stream.window().segments().size(), "count + 2 held for late players");
    }

    @Test
    void noPlaylistBeforeTheFirstSegmentCloses() {
        play(3);
        assertNull(HlsPlaylistWriter.media(stream.window()));
    }

    @Test
    void reconnectGivesADiscontinuityNotABrokenPlaylist() {
        play(9); // two closed, 8-9 s open
        stream.publisherStopped();
        assertEquals(3, stream.window().segments().size(), "the tail became a short segment");
        assertEquals(1.0, stream.window().segments().get(2).seconds(), 1e-9);

        pts = 180_000; // a new publisher, a new clock (starting on a keyframe)
        startPublisher();
        play(9);
        List<Segment> segments = stream.window().segments();
        assertTrue(segments.get(3).discontinuity(), "first segment of the new publisher");
        assertFalse(segments.get(4).discontinuity());
        String m3u8 = HlsPlaylistWriter.media(stream.window());
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY\n"), m3u8);

        play(30); // the discontinuity slides out of the listed window
        String later = HlsPlaylistWriter.media(stream.window());
        assertTrue(later.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1"), later);
    }

    @Test
    void aNewSegmentDurationAppliesFromTheNextCut() {
        play(10);
        stream.reconfigure(2, 4);
        play(10);
        List<Segment> segments = stream.window().segments();
        assertEquals(2.0, segments.get(segments.size() - 1).seconds(), 1e-9);
    }

    @Test
    void aReaderStartsWithTablesAtTheLatestKeyframeAndFollowsLive() throws Exception {
        play(5); // keyframes at 0, 2, 4 s
        LiveTsReader reader = stream.openReader();
        assertNotNull(reader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = reader.read(TestSinks.into(out), 1 << 20);
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length, n);
        assertArrayEquals(new byte[]{0x47, 0x40, 0x00}, java.util.Arrays.copyOf(bytes, 3), "PAT first");
        assertEquals((byte) 0xAA, bytes[376 + 10], "then the 4 s keyframe");
        assertEquals(0, reader.read(TestSinks.into(out), 1 << 20), "nothing new");

        int[] signals = {0};
        reader.onAvailable(() -> signals[0]++);
        play(1);
        assertTrue(signals[0] > 0);
        assertTrue(reader.read(TestSinks.into(out), 1 << 20) > 0);
        reader.close();
        assertEquals(0, stream.readerCount());
    }

    @Test
    void aReaderThatFallsBehindIsEndedNotWaitedFor() throws Exception {
        play(3);
        LiveTsReader slow = stream.openReader();
        play(60); // the store lets go of what the slow reader never read
        assertEquals(LiveTsReader.ENDED, slow.read(TestSinks.DISCARD, 1 << 20));
        assertEquals(0, stream.readerCount());
    }

    @Test
    void closingTheStreamEndsItsReaders() throws Exception {
        play(3);
        LiveTsReader r = stream.openReader();
        stream.close();
        assertEquals(LiveTsReader.ENDED, r.read(TestSinks.DISCARD, 1 << 20));
    }

    @Test
    void mediaInfoReportsTracksAndMeasuredFrameRate() {
        play(4);
        var info = stream.mediaInfo();
        assertEquals(640, info.width());
        assertEquals(2, info.streams().size());
        assertEquals("video", info.streams().get(0).content());
        assertEquals(25.0, info.streams().get(0).fps(), 0.01);
        assertEquals(2, info.streams().get(1).trackId());
        assertEquals("eng", info.streams().get(1).lang());
    }

    @Test
    void segmentAvailabilityDelayIsRecordedPerCut() {
        play(10);
        var stats = delays.stats();
        assertEquals(2, stats.count(), "cuts at 4 s and 8 s");
        assertTrue(stats.p99() >= 0 && stats.p99() < 1_000_000, stats.toString());
    }

    @Test
    void patParsingFindsThePmtPid() {
        assertEquals(PMT_PID, ProgramTables.pmtPidOf(packet(0, true, 0), 0));
        byte[] garbage = packet(0, true, 0);
        garbage[5] = 0x42; // not a PAT table id
        assertEquals(-1, ProgramTables.pmtPidOf(garbage, 0));
    }

    @Test
    void aPublisherGoneForTheGracePeriodEndsReadersAndNewViewersGetNothing() throws Exception {
        play(5);
        LiveTsReader reader = stream.openReader();
        int[] signals = {0};
        reader.onAvailable(() -> signals[0]++);
        stream.publisherStopped();
        long now = System.currentTimeMillis();
        assertTrue(stream.endIfGone(now + 1_000, 10_000) >= 0, "gone, but within the grace period");
        assertFalse(stream.isEnded());
        assertNotNull(stream.openReader(), "a viewer may still join while the publisher may come back");
        assertTrue(reader.read(TestSinks.DISCARD, 1 << 22) > 0, "what was sent before still reaches the viewer");

        stream.endIfGone(now + 10_000, 10_000);
        assertTrue(stream.isEnded());
        assertTrue(signals[0] > 0, "readers are woken to see the end");
        assertEquals(LiveTsReader.ENDED, reader.read(TestSinks.DISCARD, 1 << 20));
        assertNull(stream.openReader(), "nothing to join once ended");

        stream.publisherStarted("127.0.0.1:2", 9000);
        assertFalse(stream.isEnded(), "a publisher that comes back starts the stream again");
        assertEquals(-1, stream.endIfGone(now + 60_000, 10_000));
    }
}
