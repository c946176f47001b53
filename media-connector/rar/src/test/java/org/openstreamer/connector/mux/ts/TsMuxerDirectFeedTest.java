package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.demux.ts.TsTrackStats;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The muxer's packets and whole PES handed to the demuxer ({@link TsDemuxer#feedMuxed},
 * {@link TsDemuxer#expectPes}) give the hub what demuxing the same TS gives it: the same packets,
 * tables, tracks and frames, each frame after its first packet.
 */
class TsMuxerDirectFeedTest {

    /** Every callback, in order; packets by index and PID plus a copy, frames and tracks as text. */
    private static final class Recorder implements TsDemuxListener {
        final List<byte[]> packets = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        final List<List<TsTrack>> tracks = new ArrayList<>();
        final List<byte[]> tables = new ArrayList<>();
        /** For each frame, how many packets had been passed on when it was reported. */
        final List<Integer> packetsAtFrame = new ArrayList<>();

        @Override
        public void onPacket(byte[] buf, int off, int pid) {
            assertEquals(((buf[off + 1] & 0x1F) << 8) | (buf[off + 2] & 0xFF), pid);
            packets.add(Arrays.copyOfRange(buf, off, off + 188));
        }

        @Override
        public void onProgramTables(byte[] patAndPmt) {
            tables.add(patAndPmt.clone());
        }

        @Override
        public void onTracks(List<TsTrack> list) {
            tracks.add(list);
        }

        @Override
        public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
            frames.add(firstPacketIndex + " " + track + " " + pts + " " + dts + " " + keyframe);
            packetsAtFrame.add(packets.size());
        }
    }

    private record Unit(int track, long pts, long dts, boolean keyframe, byte[] data) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("h264_aac", List.of(MuxTrack.of(0x100, MuxCodec.H264), MuxTrack.of(0x101, MuxCodec.AAC))),
                Arguments.of("h265_mp3", List.of(MuxTrack.of(0x100, MuxCodec.H265))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameCallbacksAsDemuxingTheMuxedBytes(String fixture, List<MuxTrack> tracks) {
        List<Unit> units = new ArrayList<>();
        for (AccessUnits.Unit u : AccessUnits.of(TsFixtures.bytes(fixture)).units) {
            if (tracks.stream().anyMatch(t -> t.pid() == u.pid())) {
                units.add(new Unit(AccessUnits.trackOf(tracks, u.pid()), u.pts(), u.dts(), u.keyframe(), u.data()));
            }
        }
        assertTrue(units.size() > 100);
        compare(tracks, units);
    }

    /** Length-prefixed video with a sequence header, as RTMP sends it; keyframes over 64 KiB get open-length PES. */
    @Test
    void rtmpStyleUnitsAndOpenLengthPes() {
        byte[] sps = {0x67, 0x64, 0, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40, 0x50, 0x05, (byte) 0xBB, 0x01, 0x10, 0, 0, 3, 0,
                0x10, 0, 0, 3, 0x03, 0x20, (byte) 0xF1, (byte) 0x83, 0x19, 0x60};
        byte[] record = new byte[6 + 2 + sps.length + 1 + 2 + 4];
        record[0] = 1;
        record[1] = sps[1];
        record[2] = sps[2];
        record[3] = sps[3];
        record[4] = (byte) 0xFF;
        record[5] = (byte) 0xE1;
        record[7] = (byte) sps.length;
        System.arraycopy(sps, 0, record, 8, sps.length);
        int p = 8 + sps.length;
        record[p] = 1;
        record[p + 2] = 4;
        System.arraycopy(new byte[] {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB}, 0, record, p + 3, 4);
        List<MuxTrack> tracks = List.of(new MuxTrack(0x100, MuxCodec.H264, record),
                new MuxTrack(0x101, MuxCodec.AAC, new byte[] {0x11, (byte) 0x90}));
        List<Unit> units = new ArrayList<>();
        long t = (1L << 33) - 90_000; // the 33-bit wrap comes after one second
        for (int i = 0; i < 100; i++) {
            boolean key = i % 25 == 0;
            byte[] slice = new byte[key ? 70_000 + i : 3000 + i];
            Arrays.fill(slice, (byte) i);
            slice[0] = (byte) (key ? 0x65 : 0x41);
            slice[1] = (byte) 0x88;
            byte[] prefixed = new byte[slice.length + 4];
            prefixed[1] = (byte) (slice.length >> 16);
            prefixed[2] = (byte) (slice.length >> 8);
            prefixed[3] = (byte) slice.length;
            System.arraycopy(slice, 0, prefixed, 4, slice.length);
            long dts = t + i * 3600L;
            units.add(new Unit(0, dts + 7200, dts, key, prefixed));
            byte[] aac = new byte[300 + i];
            Arrays.fill(aac, (byte) ~i);
            units.add(new Unit(1, dts, dts, true, aac));
            units.add(new Unit(1, dts + 1920, dts + 1920, true, aac));
        }
        compare(tracks, units);
    }

    @Test
    void feedMuxedTakesWholePacketsOnly() {
        TsDemuxer d = new TsDemuxer(new Recorder());
        assertThrows(IllegalArgumentException.class, () -> d.feedMuxed(new byte[200], 0, 200));
    }

    private static List<Long> counters(TsDemuxStats s) {
        return List.of(s.bytesIn(), s.packets(), s.bytesDropped(), s.syncLosses(), s.teiPackets(), s.ccErrors(),
                s.duplicatePackets(), s.malformedPackets(), s.badCrcSections(), s.psiErrors(), s.pesErrors(),
                s.oversizePes(), s.timestampDiscontinuities());
    }

    private static void compare(List<MuxTrack> tracks, List<Unit> units) {
        Recorder parsed = new Recorder();
        TsDemuxer demuxer = new TsDemuxer(parsed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TsMuxer viaBytes = new TsMuxer(tracks, bytes::write);

        Recorder direct = new Recorder();
        TsDemuxer fed = new TsDemuxer(direct);
        TsMuxer viaUnits = new TsMuxer(tracks, new TsMuxListener() {
            @Override
            public void pes(int pid, byte[] pes, int off, int len) {
                fed.expectPes(pid, pes, off, len);
            }

            @Override
            public void packets(byte[] buf, int off, int len) {
                fed.feedMuxed(buf, off, len);
            }
        });
        for (Unit u : units) {
            viaBytes.accessUnit(u.track, u.pts, u.dts, u.keyframe, u.data, 0, u.data.length);
            viaUnits.accessUnit(u.track, u.pts, u.dts, u.keyframe, u.data, 0, u.data.length);
        }
        byte[] ts = bytes.toByteArray();
        demuxer.feed(ts, 0, ts.length);
        demuxer.flush();

        assertEquals(parsed.packets.size(), direct.packets.size(), "packets");
        for (int i = 0; i < parsed.packets.size(); i++) {
            assertTrue(Arrays.equals(parsed.packets.get(i), direct.packets.get(i)), "packet " + i);
        }
        assertEquals(parsed.frames, direct.frames);
        assertEquals(units.size(), direct.frames.size(), "a frame per access unit");
        assertEquals(parsed.tracks, direct.tracks);
        assertTrue(direct.tracks.get(direct.tracks.size() - 1).stream().allMatch(t -> t.codecs() != null), "codecs known");
        assertEquals(parsed.tables.size(), direct.tables.size(), "program tables");
        for (int i = 0; i < parsed.tables.size(); i++) {
            assertTrue(Arrays.equals(parsed.tables.get(i), direct.tables.get(i)), "tables " + i);
        }
        for (int i = 0; i < direct.frames.size(); i++) {
            long first = Long.parseLong(direct.frames.get(i).split(" ", 2)[0]);
            assertEquals(first + 1, (long) direct.packetsAtFrame.get(i), "frame " + i + " reported just after its first packet");
        }
        TsDemuxStats a = demuxer.stats();
        TsDemuxStats b = fed.stats();
        assertEquals(a.tracks().size(), b.tracks().size());
        for (int i = 0; i < a.tracks().size(); i++) {
            TsTrackStats x = a.tracks().get(i);
            TsTrackStats y = b.tracks().get(i);
            assertEquals(List.of(x.track(), x.bytes(), x.frames(), x.keyframes(), x.frameRate(), x.lastDts()),
                    List.of(y.track(), y.bytes(), y.frames(), y.keyframes(), y.frameRate(), y.lastDts()), "track " + i);
            // packet by packet, a frame's first packet is counted before the frame, whole it is not
            assertEquals(x.bitrate(), y.bitrate(), x.bitrate() / 50.0, "bitrate of track " + i);
        }
        assertEquals(counters(a), counters(b), "counters");
    }
}
