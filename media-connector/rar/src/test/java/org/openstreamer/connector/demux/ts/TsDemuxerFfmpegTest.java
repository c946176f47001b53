package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams made by ffmpeg, demuxed in one piece, checked against what they were made with and ffprobe. */
class TsDemuxerFfmpegTest {

    /** What a fixture must yield: its tracks as finally published, and its GOP count (-g 50 at 25 fps). */
    record Expect(String fixture, List<TsTrack> tracks, int keyframes) {
    }

    private static TsTrack video(int pid, int type, String codec, int w, int h, String codecs) {
        return new TsTrack(0, pid, type, TsTrack.Kind.VIDEO, codec, w, h, 0, 0, null, codecs);
    }

    private static TsTrack audio(int pid, int type, String codec, int rate, int channels, String language, String codecs) {
        return new TsTrack(1, pid, type, TsTrack.Kind.AUDIO, codec, 0, 0, rate, channels, language, codecs);
    }

    static Stream<Expect> fixtures() {
        // Codec strings as RFC 6381 writes what ffprobe reports: x264 High (0x64) at level 3.0 (0x1E)
        // or 3.1 (0x1F); x265 Main at level 2.1 (L63), progressive and frame-only (0x90); AAC LC.
        return Stream.of(
                new Expect("h264_aac", List.of(video(0x100, 0x1B, "h264", 640, 360, "avc1.64001E"),
                        audio(0x101, 0x0F, "aac", 48000, 2, "eng", "mp4a.40.2")), 5),
                new Expect("h265_mp3", List.of(video(0x100, 0x24, "h265", 640, 360, "hvc1.1.6.L63.90"),
                        audio(0x101, 0x03, "mp3", 44100, 1, null, "mp4a.40.34")), 5),
                new Expect("h264_ac3", List.of(video(0x100, 0x1B, "h264", 1280, 720, "avc1.64001F"),
                        audio(0x101, 0x81, "ac3", 48000, 6, null, "ac-3")), 3),
                new Expect("h264_ac3_dvb", List.of(video(0x100, 0x1B, "h264", 320, 240, "avc1.64000D"),
                        audio(0x101, 0x06, "ac3", 48000, 2, "deu", "ac-3")), 2));
    }

    static Stream<Arguments> cases() {
        return fixtures().map(e -> Arguments.of(e.fixture(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracksMatchWhatFfmpegWrote(String name, Expect expect) {
        RecordingListener l = RecordingListener.demux(TsFixtures.bytes(name));
        assertEquals(expect.tracks(), l.lastTracks());
        assertEquals(expect.tracks(), l.stats.tracks().stream().map(TsTrackStats::track).toList());
        // the first list comes straight from the PMT, before any codec header was read
        assertEquals(0, l.trackLists.get(0).get(0).width());
        assertEquals(0, l.trackLists.get(0).get(1).sampleRate());
        assertEquals(3, l.trackLists.size(), "PMT, then SPS, then the audio header: " + l.trackLists);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesMatchFfprobe(String name, Expect expect) {
        Path file = TsFixtures.path(name);
        RecordingListener l = RecordingListener.demux(TsFixtures.bytes(name));
        List<TsFixtures.ProbePacket> probed = TsFixtures.probePackets(file);
        for (TsFixtures.ProbeStream ps : TsFixtures.probeStreams(file)) {
            List<TsFixtures.ProbePacket> want = probed.stream().filter(p -> p.streamIndex() == ps.index()).toList();
            List<RecordingListener.Frame> got = l.framesOf(ps.pid());
            assertEquals(want.size(), got.size(), "frames on PID " + ps.pid());
            assertEquals(want.stream().filter(TsFixtures.ProbePacket::key).count(),
                    got.stream().filter(RecordingListener.Frame::keyframe).count(), "keyframes on PID " + ps.pid());
            for (int i = 0; i < want.size(); i++) { // no wrap or discontinuity here: raw == unwrapped
                assertEquals(want.get(i).pts(), got.get(i).pts(), "pts of frame " + i + " on PID " + ps.pid());
                assertEquals(want.get(i).dts(), got.get(i).dts(), "dts of frame " + i + " on PID " + ps.pid());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keyframesStartGopsAtPesStarts(String name, Expect expect) {
        RecordingListener l = RecordingListener.demux(TsFixtures.bytes(name));
        int videoPid = expect.tracks().get(0).pid();
        List<RecordingListener.Frame> video = l.framesOf(videoPid);
        assertEquals(expect.keyframes(), video.stream().filter(RecordingListener.Frame::keyframe).count());
        assertTrue(video.get(0).keyframe(), "the stream opens with a keyframe");
        long previousIndex = -1;
        for (RecordingListener.Frame f : l.frames) {
            assertEquals(f.track().pid(), l.pidOf(f.packetIndex()), "frame points at a packet of its PID");
            assertTrue(l.unitStartOf(f.packetIndex()), "frame points at a payload_unit_start packet");
            if (f.track().pid() == videoPid) {
                assertTrue(f.packetIndex() > previousIndex, "video frames in packet order");
                previousIndex = f.packetIndex();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void timestampsRiseAndStatsArePlausible(String name, Expect expect) {
        Path file = TsFixtures.path(name);
        RecordingListener l = RecordingListener.demux(TsFixtures.bytes(name));
        for (TsTrack t : expect.tracks()) {
            List<RecordingListener.Frame> frames = l.framesOf(t.pid());
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i).dts() > frames.get(i - 1).dts(), "dts rises on PID " + t.pid() + " at " + i);
                if (t.kind() == TsTrack.Kind.AUDIO) {
                    assertTrue(frames.get(i).pts() > frames.get(i - 1).pts(), "audio pts rises at " + i);
                }
                assertTrue(frames.get(i).pts() >= frames.get(i).dts(), "pts >= dts");
            }
        }
        TsDemuxStats s = l.stats;
        assertEquals(TsFixtures.bytes(name).length, s.bytesIn());
        assertEquals(s.bytesIn() / 188, s.packets());
        assertEquals(0, s.bytesDropped() + s.syncLosses() + s.ccErrors() + s.badCrcSections() + s.psiErrors()
                + s.pesErrors() + s.oversizePes() + s.timestampDiscontinuities() + s.teiPackets());
        TsTrackStats video = s.tracks().get(0);
        assertEquals(25.0, video.frameRate(), 0.01);
        assertEquals(expect.keyframes(), video.keyframes());
        // bitrate over the last 8 s of ES data, against ffprobe's total over the whole file
        List<TsFixtures.ProbePacket> probed = TsFixtures.probePackets(file);
        for (TsTrackStats ts : s.tracks()) {
            int index = ts.track().index();
            long bytes = probed.stream().filter(p -> p.streamIndex() == index).mapToLong(TsFixtures.ProbePacket::size).sum();
            long frames = probed.stream().filter(p -> p.streamIndex() == index).count();
            double seconds = ts.track().kind() == TsTrack.Kind.VIDEO ? frames / 25.0 : frames / ts.frameRate();
            double probedRate = bytes * 8 / seconds;
            assertEquals(probedRate, ts.bitrate(), probedRate * 0.35, "bitrate of " + ts.track().codec());
            assertTrue(ts.bytes() >= bytes, "ES bytes at least the codec payload: " + ts.bytes() + " vs " + bytes);
        }
    }
}
