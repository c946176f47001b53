package org.openstreamer.connector.demux.nal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbspReaderTest {

    @Test
    void emulationPreventionBytesAreRemoved() {
        byte[] escaped = {0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x03, 0x7F};
        RbspReader r = new RbspReader(escaped, 0, escaped.length);
        assertEquals(9, r.length());
        int[] want = {0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x03, 0x7F};
        for (int b : want) {
            assertEquals(b, r.bits(8));
        }
        assertFalse(r.overrun());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 7, 8, 254, 255, 65535, 1 << 20, Integer.MAX_VALUE - 1})
    void expGolombRoundTrips(long v) {
        byte[] b = BitWriter.escape(new BitWriter().ue(v).se(v % 1000).se(-(v % 1000)).bits(5, 3).rbsp());
        RbspReader r = new RbspReader(b, 0, b.length);
        assertEquals(v, r.ue());
        assertEquals(v % 1000, r.se());
        assertEquals(-(v % 1000), r.se());
        assertEquals(5, r.bits(3));
        assertFalse(r.overrun());
    }

    @Test
    void readingPastTheEndIsAFlagNotAnException() {
        byte[] b = {(byte) 0x80};
        RbspReader r = new RbspReader(b, 0, 1);
        assertEquals(0, r.ue()); // '1'
        assertFalse(r.overrun());
        assertEquals(0, r.bits(16));
        assertTrue(r.overrun());
        RbspReader zeros = new RbspReader(new byte[8], 0, 8);
        assertEquals(0, zeros.ue()); // 64 zero bits: no code
        assertTrue(zeros.overrun());
    }

    @Test
    void escapeRoundTrip() {
        byte[] raw = {0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0};
        byte[] escaped = BitWriter.escape(raw);
        RbspReader r = new RbspReader(escaped, 0, escaped.length);
        byte[] back = new byte[r.length()];
        for (int i = 0; i < back.length; i++) {
            back[i] = (byte) r.bits(8);
        }
        assertArrayEquals(raw, back);
    }
}
