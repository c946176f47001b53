package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timestamps across the 33-bit wrap and a splice, PMT changes, and the PES size cap, on ffmpeg output. */
class TsDemuxerTimelineTest {

    private static final long WRAP = 1L << 33;

    @Test
    void ptsWrapIsUnwrappedMonotonically() {
        RecordingListener l = RecordingListener.demux(TsFixtures.bytes("wrap"));
        for (int pid : new int[] {0x100, 0x101}) {
            List<RecordingListener.Frame> frames = l.framesOf(pid);
            assertTrue(frames.get(0).dts() < WRAP, "starts before the wrap");
            assertTrue(frames.get(frames.size() - 1).dts() > WRAP, "ends after it, unwrapped");
            for (int i = 1; i < frames.size(); i++) {
                long step = frames.get(i).dts() - frames.get(i - 1).dts();
                assertTrue(step > 0 && step < 90_000, "step " + step + " at frame " + i + " on PID " + pid);
            }
            long span = frames.get(frames.size() - 1).dts() - frames.get(0).dts();
            assertEquals(10 * 90_000, span, 90_000, "ten seconds of media");
        }
        assertEquals(0, l.stats.timestampDiscontinuities());
        // the same frames as ffprobe, modulo 2^33
        List<TsFixtures.ProbePacket> probed = TsFixtures.probePackets(TsFixtures.path("wrap"));
        List<RecordingListener.Frame> video = l.framesOf(0x100);
        List<TsFixtures.ProbePacket> probedVideo = probed.stream().filter(p -> p.streamIndex() == 0).toList();
        assertEquals(probedVideo.size(), video.size());
        for (int i = 0; i < video.size(); i++) {
            assertEquals(Math.floorMod(probedVideo.get(i).pts(), WRAP), video.get(i).pts() % WRAP);
        }
    }

    /** Two files back to back: a new PMT version with another audio codec, and time going back 8 s. */
    @Test
    void concatenatedFilesGiveNewTracksAndOneTimeline() {
        byte[] first = TsFixtures.bytes("pmt_v0");
        byte[] second = TsFixtures.bytes("pmt_v1");
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        RecordingListener l = RecordingListener.demux(both);

        List<List<TsTrack>> distinctCodecs = new ArrayList<>();
        for (List<TsTrack> tracks : l.trackLists) {
            String audio = tracks.get(1).codec();
            if (distinctCodecs.isEmpty() || !audio.equals(distinctCodecs.get(distinctCodecs.size() - 1).get(1).codec())) {
                distinctCodecs.add(tracks);
            }
        }
        assertEquals(2, distinctCodecs.size(), "aac, then mp3: " + l.trackLists);
        assertEquals("aac", distinctCodecs.get(0).get(1).codec());
        assertEquals("mp3", distinctCodecs.get(1).get(1).codec());
        TsTrack mp3 = l.lastTracks().get(1);
        assertEquals(44100, mp3.sampleRate());
        assertEquals(320, l.lastTracks().get(0).width(), "the video track keeps its size");

        int boundary = first.length / 188;
        assertTrue(l.frames.stream().anyMatch(f -> f.packetIndex() >= boundary && f.track().codec().equals("mp3")));
        assertTrue(l.frames.stream().noneMatch(f -> f.packetIndex() < boundary && f.track().codec().equals("mp3")));
        for (int pid : new int[] {0x100, 0x101}) {
            List<RecordingListener.Frame> frames = l.framesOf(pid);
            for (int i = 1; i < frames.size(); i++) {
                long step = frames.get(i).dts() - frames.get(i - 1).dts();
                assertTrue(step > 0 && step < 90_000, "step " + step + " at frame " + i + " on PID " + pid);
            }
            long span = frames.get(frames.size() - 1).dts() - frames.get(0).dts();
            assertEquals(16 * 90_000, span, 45_000, "sixteen seconds on one timeline, no 26 h gap");
        }
        assertEquals(1, l.stats.timestampDiscontinuities(), "one epoch opened, the other stream joins it");
        // audio and video stay in sync across the splice: the second file's A/V offset is kept
        RecordingListener second2 = RecordingListener.demux(second);
        long offsetAlone = second2.framesOf(0x101).get(0).pts() - second2.framesOf(0x100).get(0).pts();
        long firstVideoAfter = l.frames.stream().filter(f -> f.packetIndex() >= boundary && f.track().pid() == 0x100)
                .findFirst().orElseThrow().pts();
        long firstAudioAfter = l.frames.stream().filter(f -> f.packetIndex() >= boundary && f.track().pid() == 0x101)
                .findFirst().orElseThrow().pts();
        assertEquals(offsetAlone, firstAudioAfter - firstVideoAfter);
        assertTrue(l.stats.ccErrors() > 0, "the counters restart in the second file");
    }

    @Test
    void oversizePesIsDroppedAndCounted() {
        byte[] ts = TsFixtures.bytes("h264_aac");
        int cap = 8000;
        List<TsFixtures.ProbePacket> probed = TsFixtures.probePackets(TsFixtures.path("h264_aac"));
        long bigVideo = probed.stream().filter(p -> p.streamIndex() == 0 && p.size() > cap).count();
        assertTrue(probed.stream().noneMatch(p -> Math.abs(p.size() - cap) < 64), "no frame close to the cap");
        assertTrue(bigVideo > 0);

        RecordingListener l = new RecordingListener();
        TsDemuxer d = new TsDemuxer(l, TsDemuxerLimits.DEFAULTS.withPesLimits(cap, 1 << 20, 1 << 20));
        d.feed(ts, 0, ts.length);
        d.flush();
        TsDemuxStats s = d.stats();
        assertEquals(bigVideo, s.oversizePes());
        // frames are reported at their start, before their size is known; the count stays right
        assertEquals(probed.stream().filter(p -> p.streamIndex() == 0).count(), l.framesOf(0x100).size());
        assertTrue(s.tracks().get(0).bytes() < RecordingListener.demux(ts).stats.tracks().get(0).bytes());

        // bounded (audio) PES over the cap are refused from their header, before any byte is taken
        RecordingListener l2 = new RecordingListener();
        TsDemuxer d2 = new TsDemuxer(l2, TsDemuxerLimits.DEFAULTS.withPesLimits(8 << 20, 100, 1 << 20));
        d2.feed(ts, 0, ts.length);
        d2.flush();
        long audioFrames = probed.stream().filter(p -> p.streamIndex() == 1).count();
        assertEquals(audioFrames, d2.stats().oversizePes());
        assertEquals(0, l2.framesOf(0x101).size());
        assertNotEquals(0, l2.framesOf(0x100).size());
    }
}
