package org.openstreamer.connector.demux.h264;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.demux.nal.BitWriter;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264SpsTest {

    /** The fields an SPS is built from, and the size it must yield. */
    record Row(String name, int profile, int chroma, boolean separatePlane, boolean scaling, int pocType,
               long pocOffset, int widthMbs, int heightUnits, boolean frameMbsOnly, int[] crop, int width, int height) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static int[] crop(int l, int r, int t, int b) {
        return new int[] {l, r, t, b};
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("baseline 640x360", 66, 1, false, false, 2, 0, 40, 23, true, crop(0, 0, 0, 4), 640, 360),
                new Row("main, no cropping", 77, 1, false, false, 0, 0, 20, 15, true, null, 320, 240),
                new Row("high 1080p", 100, 1, false, false, 0, 0, 120, 68, true, crop(0, 0, 0, 4), 1920, 1080),
                new Row("high 4:2:2, crop unit y 1", 122, 2, false, false, 0, 0, 120, 68, true, crop(0, 0, 0, 8), 1920, 1080),
                new Row("high 4:4:4, crop unit x 1", 244, 3, false, false, 0, 0, 54, 30, true, crop(0, 10, 0, 0), 854, 480),
                new Row("4:4:4 separate planes", 244, 3, true, false, 0, 0, 54, 30, true, crop(0, 10, 0, 0), 854, 480),
                new Row("monochrome", 100, 0, false, false, 0, 0, 40, 23, true, crop(0, 0, 0, 8), 640, 360),
                new Row("interlaced 1080i", 100, 1, false, false, 0, 0, 120, 34, false, crop(0, 0, 0, 2), 1920, 1080),
                new Row("scaling matrices", 100, 1, false, true, 0, 0, 80, 45, true, null, 1280, 720),
                new Row("poc type 1 with escapes", 100, 1, false, false, 1, 1L << 24, 80, 45, true, null, 1280, 720),
                new Row("left and top crop", 100, 1, false, false, 0, 0, 40, 23, true, crop(2, 2, 1, 3), 632, 360));
    }

    static byte[] build(Row r, int level) {
        BitWriter w = new BitWriter().bits(r.profile(), 8).bits(0, 8).bits(level, 8).ue(0);
        if (H264Sps.hasChromaInfo(r.profile())) {
            w.ue(r.chroma());
            if (r.chroma() == 3) {
                w.flag(r.separatePlane());
            }
            w.ue(0).ue(0).flag(false).flag(r.scaling());
            if (r.scaling()) {
                for (int i = 0; i < 8; i++) {
                    w.flag(i % 2 == 0);
                    if (i % 2 == 0) {
                        int size = i < 6 ? 16 : 64;
                        w.se(-8); // next = 0: the rest of the list is implied
                        if (size == 64) {
                            continue;
                        }
                    }
                }
            }
        }
        w.ue(0).ue(r.pocType());
        if (r.pocType() == 0) {
            w.ue(2);
        } else if (r.pocType() == 1) {
            w.flag(false).se(r.pocOffset()).se(-r.pocOffset()).ue(3).se(r.pocOffset()).se(1).se(-1);
        }
        w.ue(4).flag(false).ue(r.widthMbs() - 1).ue(r.heightUnits() - 1).flag(r.frameMbsOnly());
        if (!r.frameMbsOnly()) {
            w.flag(true);
        }
        w.flag(true).flag(r.crop() != null);
        if (r.crop() != null) {
            for (int c : r.crop()) {
                w.ue(c);
            }
        }
        w.flag(false); // vui_parameters_present_flag
        return BitWriter.nal(new byte[] {0x67}, w.rbsp());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sizeFromSps(Row r) {
        byte[] nal = build(r, 40);
        H264Sps sps = H264Sps.parse(nal, 0, nal.length);
        assertNotNull(sps);
        assertEquals(r.width(), sps.width());
        assertEquals(r.height(), sps.height());
        assertEquals(r.profile(), sps.profileIdc());
        assertEquals(40, sps.levelIdc());
        assertEquals(H264Sps.hasChromaInfo(r.profile()) ? r.chroma() : 1, sps.chromaFormatIdc());
        assertEquals(r.frameMbsOnly(), sps.frameMbsOnly());
        // inside a bigger buffer, at an offset
        byte[] padded = new byte[nal.length + 10];
        System.arraycopy(nal, 0, padded, 5, nal.length);
        assertEquals(sps, H264Sps.parse(padded, 5, nal.length));
    }

    @Test
    void emulationPreventionIsExercised() {
        Row r = rows().filter(x -> x.name().startsWith("poc type 1")).findFirst().orElseThrow();
        byte[] nal = build(r, 40);
        boolean escaped = false;
        for (int i = 2; i < nal.length; i++) {
            escaped |= nal[i - 2] == 0 && nal[i - 1] == 0 && nal[i] == 3;
        }
        assertTrue(escaped, "the table row must contain 00 00 03");
    }

    @Test
    void badInputGivesNull() {
        Row r = rows().findFirst().orElseThrow();
        byte[] nal = build(r, 30);
        for (int len = 0; len < nal.length - 2; len++) { // truncated before the crop fields end
            assertNull(H264Sps.parse(nal, 0, len), "length " + len);
        }
        byte[] pps = nal.clone();
        pps[0] = 0x68;
        assertNull(H264Sps.parse(pps, 0, pps.length), "not an SPS");
        byte[] badChroma = build(new Row("x", 100, 5, false, false, 0, 0, 40, 23, true, null, 0, 0), 30);
        assertNull(H264Sps.parse(badChroma, 0, badChroma.length));
        byte[] badPoc = build(new Row("x", 66, 1, false, false, 3, 0, 40, 23, true, null, 0, 0), 30);
        assertNull(H264Sps.parse(badPoc, 0, badPoc.length));
        byte[] huge = build(new Row("x", 66, 1, false, false, 2, 0, 2000, 23, true, null, 0, 0), 30);
        assertNull(H264Sps.parse(huge, 0, huge.length), "over 16384 pixels wide");
        byte[] overCropped = build(new Row("x", 66, 1, false, false, 2, 0, 4, 4, true, crop(0, 0, 0, 40), 0, 0), 30);
        assertNull(H264Sps.parse(overCropped, 0, overCropped.length), "cropped to nothing");
    }

    @Test
    void codecStringIsProfileConstraintsAndLevelInHex() {
        assertEquals("avc1.42E01E", new H264Sps(66, 30, 1, true, 640, 360, 0xE0).codecs());
        assertEquals("avc1.640028", new H264Sps(100, 40, 1, true, 1920, 1080, 0).codecs());
    }
}
