package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openstreamer.connector.ingest.rtsp.Units.bytes;
import static org.openstreamer.connector.ingest.rtsp.Units.concat;

class AacDepacketizerTest {

    static final Map<String, String> HBR = Map.of("mode", "AAC-hbr", "sizelength", "13", "indexlength", "3",
            "indexdeltalength", "3", "config", "1190");

    private final Units out = new Units();

    /** An AU header of the AAC-hbr layout: 13 bits of size, 3 of index. */
    private static byte[] header(int size) {
        return bytes(size >> 5, (size & 0x1F) << 3);
    }

    @Test
    void severalFramesInOnePacketFollowBy1024Samples() throws RtspProtocolException {
        AacDepacketizer d = AacDepacketizer.of(HBR, out);
        byte[] a = bytes(1, 2, 3);
        byte[] b = bytes(4, 5, 6, 7, 8);
        byte[] p = concat(bytes(0, 32), header(3), header(5), a, b);
        d.payload(p, 0, p.length, 48000, true, false);
        assertEquals(2, out.units.size());
        assertArrayEquals(a, out.units.get(0).bytes());
        assertEquals(48000, out.units.get(0).timestamp());
        assertArrayEquals(b, out.units.get(1).bytes());
        assertEquals(48000 + 1024, out.units.get(1).timestamp());
    }

    @Test
    void aFrameSplitOverPacketsIsPutTogether() throws RtspProtocolException {
        AacDepacketizer d = AacDepacketizer.of(HBR, out);
        byte[] p1 = concat(bytes(0, 16), header(6), bytes(1, 2, 3, 4));
        byte[] p2 = concat(bytes(0, 16), header(6), bytes(5, 6));
        d.payload(p1, 0, p1.length, 0, false, false);
        assertEquals(0, out.units.size());
        d.payload(p2, 0, p2.length, 0, true, false);
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6), out.units.get(0).bytes());
    }

    @Test
    void aLostFragmentDropsTheFrame() throws RtspProtocolException {
        AacDepacketizer d = AacDepacketizer.of(HBR, out);
        byte[] p1 = concat(bytes(0, 16), header(6), bytes(1, 2, 3, 4));
        byte[] p3 = concat(bytes(0, 16), header(2), bytes(9, 9));
        d.payload(p1, 0, p1.length, 0, false, false);
        d.payload(p3, 0, p3.length, 1024, true, true);
        assertEquals(1, out.units.size()); // only the next whole frame
        assertArrayEquals(bytes(9, 9), out.units.get(0).bytes());
        assertEquals(1, d.dropped());
    }

    @Test
    void malformedPacketsAreDropped() throws RtspProtocolException {
        AacDepacketizer d = AacDepacketizer.of(HBR, out);
        byte[][] bad = {
                bytes(0),                                   // no AU-headers-length
                bytes(0, 0, 1, 2),                          // no AU header
                bytes(0, 160, 0, 8),                        // headers run past the packet
                concat(bytes(0, 16), header(0), bytes(1)),  // a zero-sized frame
                concat(bytes(0, 32), header(3), header(9), bytes(1, 2, 3, 4))}; // the second frame overruns
        for (byte[] p : bad) {
            d.payload(p, 0, p.length, 0, true, false);
        }
        assertEquals(1, out.units.size()); // the first frame of the last packet was whole
        assertEquals(bad.length, d.dropped());
    }

    @Test
    void onlyTheAacModesAndAUsableLayout() {
        assertThrows(RtspProtocolException.class, () -> AacDepacketizer.of(Map.of("mode", "CELP-cbr"), out));
        assertThrows(RtspProtocolException.class, () -> AacDepacketizer.of(Map.of("mode", "AAC-hbr", "sizelength", "40"), out));
        assertThrows(RtspProtocolException.class, () -> AacDepacketizer.of(Map.of("mode", "AAC-hbr", "sizelength", "x"), out));
        assertThrows(RtspProtocolException.class, () -> AacDepacketizer.config(Map.of("config", "zz")));
        assertThrows(RtspProtocolException.class, () -> AacDepacketizer.config(Map.of()));
        assertArrayEquals(bytes(0x11, 0x90), assertDoesNotThrow());
    }

    private static byte[] assertDoesNotThrow() {
        try {
            return AacDepacketizer.config(HBR);
        } catch (RtspProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
