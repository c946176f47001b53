package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.ingest.rtsp.Units.START;
import static org.openstreamer.connector.ingest.rtsp.Units.bytes;
import static org.openstreamer.connector.ingest.rtsp.Units.concat;

class H265DepacketizerTest {

    static final byte[] VPS = bytes(0x40, 0x01, 0x0C, 0x01);
    static final byte[] SPS = bytes(0x42, 0x01, 0x01, 0x01);
    static final byte[] PPS = bytes(0x44, 0x01, 0xC1, 0x72);
    /** IDR_W_RADL (19): header 0x26 0x01. */
    static final byte[] IDR = bytes(0x26, 0x01, 0xAF, 0x08, 0x42, 0x23);
    /** TRAIL_R (1). */
    static final byte[] TRAIL = bytes(0x02, 0x01, 0xD0, 0x09);

    private final Units out = new Units();

    private H265Depacketizer withSprop() throws RtspProtocolException {
        Base64.Encoder b = Base64.getEncoder();
        return H265Depacketizer.of(Map.of("sprop-vps", b.encodeToString(VPS), "sprop-sps", b.encodeToString(SPS),
                "sprop-pps", b.encodeToString(PPS)), out);
    }

    @Test
    void aggregationAndFragmentsMakeOneKeyframe() throws RtspProtocolException {
        H265Depacketizer d = withSprop();
        byte[] ap = concat(bytes(0x60, 0x01), bytes(0, VPS.length), VPS, bytes(0, SPS.length), SPS, bytes(0, PPS.length), PPS);
        d.payload(ap, 0, ap.length, 90000, false, false);
        // FU (type 49: header 0x62 0x01), FU header S + type 19, then E + type 19
        byte[] f1 = concat(bytes(0x62, 0x01, 0x93), bytes(0xAF, 0x08));
        byte[] f2 = concat(bytes(0x62, 0x01, 0x53), bytes(0x42, 0x23));
        d.payload(f1, 0, f1.length, 90000, false, false);
        d.payload(f2, 0, f2.length, 90000, true, false);
        assertEquals(1, out.units.size());
        assertTrue(out.units.get(0).keyframe());
        assertArrayEquals(concat(START, VPS, START, SPS, START, PPS, START, IDR), out.units.get(0).bytes());
    }

    @Test
    void aKeyframeWithoutItsOwnSetsGetsTheSdps() throws RtspProtocolException {
        H265Depacketizer d = withSprop();
        d.payload(IDR, 0, IDR.length, 0, true, false);
        d.payload(TRAIL, 0, TRAIL.length, 3000, true, false);
        assertArrayEquals(concat(START, VPS, START, SPS, START, PPS, START, IDR), out.units.get(0).bytes());
        assertArrayEquals(concat(START, TRAIL), out.units.get(1).bytes());
    }

    @Test
    void malformedPayloadsAreDropped() throws RtspProtocolException {
        H265Depacketizer d = withSprop();
        byte[] shortAp = concat(bytes(0x60, 0x01), bytes(0, 9), VPS);
        d.payload(shortAp, 0, shortAp.length, 0, true, false);
        byte[] orphan = concat(bytes(0x62, 0x01, 0x13), bytes(1, 2)); // FU middle, no start
        d.payload(orphan, 0, orphan.length, 1, true, false);
        byte[] paci = bytes(0x64, 0x01, 0, 0);
        d.payload(paci, 0, paci.length, 2, true, false);
        d.payload(bytes(0x26), 0, 1, 3, true, false); // too short for a header
        assertEquals(0, out.units.size());
        assertEquals(4, d.dropped());
    }

    @Test
    void decodingOrderNumbersAreNotSupported() {
        RtspProtocolException e = assertThrows(RtspProtocolException.class,
                () -> H265Depacketizer.of(Map.of("sprop-max-don-diff", "2"), out));
        assertTrue(e.getMessage().contains("decoding-order"), e.getMessage());
    }
}
