package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refused units leave no trace: the output equals that of the same stream without them. */
class TsMuxerBadInputTest {

    private static final byte[] GOOD_AVCC = {0, 0, 0, 2, 0x65, (byte) 0x88};

    private final TsMuxerConversionTest.Converted video = TsMuxerConversionTest.video("h264_aac", MuxCodec.H264, 4);
    private final List<MuxTrack> tracks = List.of(video.track(), MuxTrack.of(0x101, MuxCodec.AAC));

    @Test
    void badUnitsAreRefusedWithoutCorruptingTheOutput() {
        List<AccessUnits.Unit> units = video.prefixed().subList(0, 60);
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        TsMuxer reference = new TsMuxer(tracks, clean::write);
        ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        TsMuxer muxer = new TsMuxer(tracks, dirty::write);
        int refused = 0;
        for (AccessUnits.Unit u : units) {
            byte[] d = u.data();
            reference.accessUnit(0, u.pts(), u.dts(), u.keyframe(), d, 0, d.length);
            for (Runnable bad : badUnits(muxer, u)) {
                MuxInputException e = assertThrows(MuxInputException.class, bad::run);
                assertTrue(e.getMessage().length() > 10, e.getMessage());
                refused++;
            }
            muxer.accessUnit(0, u.pts(), u.dts(), u.keyframe(), d, 0, d.length);
        }
        assertEquals(60 * 6, refused);
        assertArrayEquals(clean.toByteArray(), dirty.toByteArray());
        assertEquals(60, AccessUnits.of(dirty.toByteArray()).of(0x100).size());
    }

    private List<Runnable> badUnits(TsMuxer m, AccessUnits.Unit u) {
        byte[] d = u.data();
        byte[] overrun = {0, 0, 0, 9, 0x65, (byte) 0x88};
        byte[] adtsless = {0x21, 0x10, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00};
        return List.of(
                () -> m.accessUnit(0, u.pts(), u.dts(), u.keyframe(), overrun, 0, overrun.length),
                () -> m.accessUnit(0, u.pts(), u.dts(), u.keyframe(), GOOD_AVCC, 0, 3), // length prefix cut
                () -> m.accessUnit(0, u.pts(), u.dts(), u.keyframe(), d, 0, d.length - 1), // last NAL cut
                () -> m.accessUnit(2, u.pts(), u.dts(), u.keyframe(), d, 0, d.length), // undeclared track
                () -> m.accessUnit(0, u.pts(), u.dts(), u.keyframe(), d, 0, 0), // empty
                () -> m.accessUnit(1, u.pts(), u.dts(), true, adtsless, 0, adtsless.length)); // raw AAC on an ADTS track
    }

    @Test
    void annexBTrackRefusesUnitsWithoutStartCode() {
        TsMuxer m = new TsMuxer(List.of(MuxTrack.of(0x100, MuxCodec.H264)), (b, o, l) -> { });
        assertThrows(MuxInputException.class, () -> m.accessUnit(0, 0, 0, true, GOOD_AVCC, 0, GOOD_AVCC.length));
        assertEquals(0, m.accessUnits());
    }

    @Test
    void audioTooLongForOnePesIsRefused() {
        TsMuxer m = new TsMuxer(List.of(MuxTrack.of(0x101, MuxCodec.AAC)), (b, o, l) -> { });
        byte[] huge = new byte[70_000];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xF1;
        assertThrows(MuxInputException.class, () -> m.accessUnit(0, 0, 0, true, huge, 0, huge.length));
        m.accessUnit(0, 0, 0, true, huge, 0, 1000);
        assertEquals(1, m.accessUnits());
    }

    @Test
    void badDeclarationsAreRefused() {
        TsPacketSink sink = (b, o, l) -> { };
        byte[] avcc = video.track().config();
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(List.of(), sink));
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(
                List.of(new MuxTrack(0x100, MuxCodec.H264, Arrays.copyOf(avcc, avcc.length - 3))), sink));
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(
                List.of(new MuxTrack(0x100, MuxCodec.H265, avcc)), sink));
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(
                List.of(new MuxTrack(0x101, MuxCodec.AAC, new byte[] {(byte) 0xF8, 0x10})), sink)); // object type 31+
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(
                List.of(MuxTrack.of(0x100, MuxCodec.H264), MuxTrack.of(0x100, MuxCodec.AAC)), sink));
        assertThrows(IllegalArgumentException.class, () -> new TsMuxer(List.of(MuxTrack.of(0x1000, MuxCodec.AAC)), sink));
        assertThrows(IllegalArgumentException.class, () -> MuxTrack.of(0x1FFF, MuxCodec.AAC));
    }
}
