package org.openstreamer.connector.demux.h265;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.demux.nal.BitWriter;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class H265SpsTest {

    record Row(String name, int subLayers, int profile, boolean tier, int chroma, boolean separatePlane,
               int codedWidth, int codedHeight, int[] window, int width, int height) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static int[] window(int l, int r, int t, int b) {
        return new int[] {l, r, t, b};
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("main 640x360", 1, 1, false, 1, false, 640, 368, window(0, 0, 0, 4), 640, 360),
                new Row("main 1080p, 3 sub-layers", 3, 1, false, 1, false, 1920, 1088, window(0, 0, 0, 4), 1920, 1080),
                new Row("main 10, 7 sub-layers, high tier", 7, 2, true, 1, false, 3840, 2160, null, 3840, 2160),
                new Row("4:2:2 window", 1, 4, false, 2, false, 1920, 1088, window(0, 0, 0, 8), 1920, 1080),
                new Row("4:4:4 window", 1, 4, false, 3, false, 864, 480, window(0, 10, 0, 0), 854, 480),
                new Row("4:4:4 separate planes", 1, 4, false, 3, true, 864, 480, window(0, 10, 0, 0), 854, 480),
                new Row("monochrome", 1, 4, false, 0, false, 640, 368, window(0, 0, 0, 8), 640, 360),
                new Row("left and top", 1, 1, false, 1, false, 656, 368, window(4, 4, 2, 2), 640, 360));
    }

    static byte[] build(Row r, int layerId) {
        BitWriter w = new BitWriter().bits(0, 4).bits(r.subLayers() - 1, 3).flag(true);
        w.bits(0, 2).flag(r.tier()).bits(r.profile(), 5).bits(0x60000000L, 32).bits(0x900000000000L, 48).bits(93, 8);
        for (int i = 0; i < r.subLayers() - 1; i++) {
            w.flag(i % 2 == 0).flag(true);
        }
        if (r.subLayers() > 1) {
            for (int i = r.subLayers() - 1; i < 8; i++) {
                w.bits(0, 2);
            }
        }
        for (int i = 0; i < r.subLayers() - 1; i++) {
            if (i % 2 == 0) {
                w.bits(0x1234, 32).bits(0x56789ABCL, 32).bits(0xDEF012, 24);
            }
            w.bits(90, 8);
        }
        w.ue(0).ue(r.chroma());
        if (r.chroma() == 3) {
            w.flag(r.separatePlane());
        }
        w.ue(r.codedWidth()).ue(r.codedHeight()).flag(r.window() != null);
        if (r.window() != null) {
            for (int c : r.window()) {
                w.ue(c);
            }
        }
        w.ue(0).ue(0).ue(4); // bit depths, log2_max_pic_order_cnt_lsb_minus4: not read, must not matter
        byte[] header = {(byte) ((33 << 1) | (layerId >> 5)), (byte) (((layerId & 0x1F) << 3) | 1)};
        return BitWriter.nal(header, w.rbsp());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void sizeFromSps(Row r) {
        byte[] nal = build(r, 0);
        H265Sps sps = H265Sps.parse(nal, 0, nal.length);
        assertNotNull(sps);
        assertEquals(r.width(), sps.width());
        assertEquals(r.height(), sps.height());
        assertEquals(r.profile(), sps.profileIdc());
        assertEquals(r.tier(), sps.tierHigh());
        assertEquals(93, sps.levelIdc());
        assertEquals(r.chroma(), sps.chromaFormatIdc());
    }

    @Test
    void badInputGivesNull() {
        Row r = rows().findFirst().orElseThrow();
        byte[] nal = build(r, 0);
        for (int len = 0; len < 24; len++) {
            assertNull(H265Sps.parse(nal, 0, len), "length " + len);
        }
        byte[] enhancementLayer = build(r, 1);
        assertNull(H265Sps.parse(enhancementLayer, 0, enhancementLayer.length));
        byte[] pps = nal.clone();
        pps[0] = (byte) (34 << 1);
        assertNull(H265Sps.parse(pps, 0, pps.length));
        byte[] tooWide = build(new Row("x", 1, 1, false, 1, false, 20000, 368, null, 0, 0), 0);
        assertNull(H265Sps.parse(tooWide, 0, tooWide.length));
        byte[] windowTooBig = build(new Row("x", 1, 1, false, 1, false, 64, 64, window(0, 40, 0, 0), 0, 0), 0);
        assertNull(H265Sps.parse(windowTooBig, 0, windowTooBig.length));
        byte[] badChroma = build(new Row("x", 1, 1, false, 4, false, 64, 64, null, 0, 0), 0);
        assertNull(H265Sps.parse(badChroma, 0, badChroma.length));
    }

    @Test
    void codecStringFollowsIso14496Part15() {
        assertEquals("hvc1.1.6.L93.B0", new H265Sps(1, false, 93, 1, 1280, 720, 0, 0x60000000, 0xB00000000000L).codecs());
        assertEquals("hvc1.2.4.H120.90", new H265Sps(2, true, 120, 1, 3840, 2160, 0, 0x20000000, 0x900000000000L).codecs());
        assertEquals("hvc1.A1.2.L30", new H265Sps(1, false, 30, 1, 320, 240, 1, 0x40000000, 0).codecs(), "profile space, no constraints");
        assertEquals("hvc1.1.6.L93.90.0.0.0.0.1", new H265Sps(1, false, 93, 1, 640, 360, 0, 0x60000000, 0x900000000001L).codecs());
    }
}
