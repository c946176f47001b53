package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access units demuxed from ffmpeg's streams, muxed again, demuxed again: nothing may change. */
class TsMuxerRoundTripTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("h264_aac", List.of(MuxTrack.of(0x100, MuxCodec.H264), MuxTrack.of(0x101, MuxCodec.AAC))),
                Arguments.of("h265_mp3", List.of(MuxTrack.of(0x100, MuxCodec.H265))),
                Arguments.of("h264_aac", List.of(MuxTrack.of(0x101, MuxCodec.AAC))));
    }

    private static List<AccessUnits.Unit> source(String fixture, List<MuxTrack> tracks) {
        return AccessUnits.of(TsFixtures.bytes(fixture)).units.stream()
                .filter(u -> tracks.stream().anyMatch(t -> t.pid() == u.pid())).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void unitsSurviveTheRoundTrip(String fixture, List<MuxTrack> tracks) {
        AccessUnits in = AccessUnits.of(TsFixtures.bytes(fixture));
        List<AccessUnits.Unit> units = source(fixture, tracks);
        byte[] ts = AccessUnits.mux(tracks, units);
        assertEquals(0, ts.length % 188);
        AccessUnits back = AccessUnits.of(ts);

        TsDemuxStats s = back.stats;
        assertEquals(0, s.ccErrors() + s.syncLosses() + s.malformedPackets() + s.badCrcSections() + s.psiErrors()
                + s.pesErrors() + s.oversizePes(), "demuxer complaints: " + s);
        assertEquals(tracks.size(), back.tracks.size());
        for (TsTrack t : back.tracks) {
            TsTrack was = in.tracks.stream().filter(o -> o.pid() == t.pid()).findFirst().orElseThrow();
            assertEquals(List.of(was.streamType(), was.codec(), was.width(), was.height(), was.sampleRate(),
                    was.channels(), String.valueOf(was.codecs())), List.of(t.streamType(), t.codec(), t.width(),
                    t.height(), t.sampleRate(), t.channels(), String.valueOf(t.codecs())), "track on PID " + t.pid());
        }
        for (MuxTrack t : tracks) {
            List<AccessUnits.Unit> want = in.of(t.pid());
            List<AccessUnits.Unit> got = back.of(t.pid());
            assertTrue(want.size() > 100);
            assertEquals(want.size(), got.size(), "frames on PID " + t.pid());
            for (int i = 0; i < want.size(); i++) {
                AccessUnits.Unit w = want.get(i);
                AccessUnits.Unit g = got.get(i);
                assertEquals(List.of(w.pts(), w.dts(), w.keyframe()), List.of(g.pts(), g.dts(), g.keyframe()),
                        "frame " + i + " on PID " + t.pid());
                assertArrayEquals(withAud(t.codec(), w.data()), g.data(), "bytes of frame " + i + " on PID " + t.pid());
            }
        }
    }

    @Test
    void unitsLargerThanAnyBeforeGrowTheStagingBuffer() {
        List<MuxTrack> tracks = List.of(new MuxTrack(0x100, MuxCodec.H264,
                new byte[] {1, 0x42, 0, 0x1E, (byte) 0xFF, (byte) 0xE1, 0, 4, 0x67, 0x42, 0, 0x1E, 1, 0, 2, 0x68, (byte) 0xCE}),
                new MuxTrack(0x101, MuxCodec.AAC, new byte[] {0x11, (byte) 0x90}));
        List<AccessUnits.Unit> units = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] slice = new byte[30_000 << i]; // 30 KB .. 240 KB
            Arrays.fill(slice, (byte) 0x5A);
            slice[0] = 0x65;
            slice[1] = (byte) 0x88;
            byte[] prefixed = new byte[slice.length + 4];
            prefixed[1] = (byte) (slice.length >> 16);
            prefixed[2] = (byte) (slice.length >> 8);
            prefixed[3] = (byte) slice.length;
            System.arraycopy(slice, 0, prefixed, 4, slice.length);
            units.add(new AccessUnits.Unit(0x100, 9000L * i, 9000L * i, true, prefixed));
            byte[] aac = new byte[6000];
            Arrays.fill(aac, (byte) i);
            units.add(new AccessUnits.Unit(0x101, 9000L * i, 9000L * i, true, aac));
        }
        AccessUnits back = AccessUnits.of(AccessUnits.mux(tracks, units));
        List<AccessUnits.Unit> video = back.of(0x100);
        List<AccessUnits.Unit> audio = back.of(0x101);
        assertEquals(4, video.size());
        assertEquals(4, audio.size());
        for (int i = 0; i < 4; i++) {
            byte[] v = video.get(i).data();
            assertEquals(6 + 8 + 6 + (30_000 << i) + 4, v.length, "AUD, SPS, PPS, slice of unit " + i);
            assertEquals(0x5A, v[v.length - 1]);
            byte[] a = audio.get(i).data();
            assertEquals(6007, a.length);
            assertEquals(i, a[a.length - 1]);
        }
    }

    /** What the muxer must make of a unit: video gains an access unit delimiter if it has none. */
    static byte[] withAud(MuxCodec codec, byte[] unit) {
        if (codec == MuxCodec.AAC) {
            return unit;
        }
        int nal = unit[2] == 1 ? 3 : 4;
        int type = codec == MuxCodec.H264 ? unit[nal] & 0x1F : (unit[nal] >> 1) & 0x3F;
        if (type == (codec == MuxCodec.H264 ? 9 : 35)) {
            return unit;
        }
        byte[] aud = codec == MuxCodec.H264 ? new byte[] {0, 0, 0, 1, 0x09, (byte) 0xF0}
                : new byte[] {0, 0, 0, 1, 0x46, 0x01, 0x50};
        byte[] out = Arrays.copyOf(aud, aud.length + unit.length);
        System.arraycopy(unit, 0, out, aud.length, unit.length);
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void tablesBeforeKeyframesAndPcrEvery40Ms(String fixture, List<MuxTrack> tracks) {
        byte[] ts = AccessUnits.mux(tracks, source(fixture, tracks));
        int pcrPid = tracks.stream().filter(MuxTrack::video).findFirst().orElse(tracks.get(0)).pid();
        long lastPcr = -1;
        int pcrs = 0;
        int keyframes = 0;
        for (int p = 0; p < ts.length; p += 188) {
            int pid = TsPackets.pid(ts, p);
            if (TsPackets.hasPcr(ts, p)) {
                assertEquals(pcrPid, pid, "PCR only on the PCR PID");
                long pcr = ((ts[p + 6] & 0xFFL) << 25) | ((ts[p + 7] & 0xFFL) << 17) | ((ts[p + 8] & 0xFFL) << 9)
                        | ((ts[p + 9] & 0xFFL) << 1) | ((ts[p + 10] & 0x80) >> 7);
                if (lastPcr >= 0) {
                    assertTrue(pcr >= lastPcr && pcr - lastPcr <= TsMuxer.PCR_INTERVAL + 1800,
                            "PCR step " + (pcr - lastPcr) + " at packet " + p / 188);
                }
                lastPcr = pcr;
                pcrs++;
            }
            boolean randomAccess = (ts[p + 3] & 0x20) != 0 && (ts[p + 4] & 0xFF) > 0 && (ts[p + 5] & 0x40) != 0;
            if (randomAccess && pid == pcrPid && tracks.get(0).video()) {
                keyframes++;
                assertTrue(TsPackets.unitStart(ts, p));
                assertEquals(0, TsPackets.pid(ts, p - 376), "PAT before the keyframe at packet " + p / 188);
                assertEquals(TsMuxer.DEFAULT_PMT_PID, TsPackets.pid(ts, p - 188), "PMT before the keyframe");
            }
        }
        assertTrue(pcrs > 200, "PCRs: " + pcrs);
        if (tracks.get(0).video()) {
            assertEquals(5, keyframes, "one GOP of 50 frames every 2 s");
        }
        assertEquals(0, TsPackets.pid(ts, 0), "starts with the PAT");
    }
}
