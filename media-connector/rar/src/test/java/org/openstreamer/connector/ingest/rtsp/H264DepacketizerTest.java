package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.ingest.rtsp.Units.START;
import static org.openstreamer.connector.ingest.rtsp.Units.bytes;
import static org.openstreamer.connector.ingest.rtsp.Units.concat;

class H264DepacketizerTest {

    static final byte[] SPS = bytes(0x67, 0x42, 0xC0, 0x1E, 0xD9);
    static final byte[] PPS = bytes(0x68, 0xCE, 0x3C, 0x80);
    static final byte[] IDR = bytes(0x65, 0x88, 0x84, 0x00, 0x33, 0x44, 0x55);
    static final byte[] P = bytes(0x41, 0x9A, 0x02, 0x03);

    private final Units out = new Units();

    private H264Depacketizer withSprop() throws RtspProtocolException {
        return H264Depacketizer.of(Map.of("packetization-mode", "1", "sprop-parameter-sets", "Z0LAHtk=,aM48gA=="), out);
    }

    private static void feed(RtpDepacketizer d, byte[] payload, long ts, boolean marker) {
        feed(d, payload, ts, marker, false);
    }

    private static void feed(RtpDepacketizer d, byte[] payload, long ts, boolean marker, boolean loss) {
        byte[] padded = concat(bytes(0xEE, 0xEE), payload); // not at offset 0, to catch offset slips
        d.payload(padded, 2, payload.length, ts, marker, loss);
    }

    @Test
    void aSingleNalKeyframeGetsTheSdpParameterSets() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, IDR, 1000, true);
        assertEquals(1, out.units.size());
        assertTrue(out.units.get(0).keyframe());
        assertEquals(1000, out.units.get(0).timestamp());
        assertArrayEquals(concat(START, SPS, START, PPS, START, IDR), out.units.get(0).bytes());
        feed(d, P, 4600, true); // not a keyframe: no parameter sets
        assertArrayEquals(concat(START, P), out.units.get(1).bytes());
    }

    @Test
    void stapAAndFuAMakeOneUnit() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        byte[] stap = concat(bytes(0x78, 0, SPS.length), SPS, bytes(0, PPS.length), PPS);
        feed(d, stap, 0, false);
        // IDR in three FU-A fragments: indicator keeps NRI (0x60) with type 28, header S/E + type 5
        feed(d, concat(bytes(0x7C, 0x85), bytes(0x88, 0x84)), 0, false);
        feed(d, concat(bytes(0x7C, 0x05), bytes(0x00, 0x33)), 0, false);
        feed(d, concat(bytes(0x7C, 0x45), bytes(0x44, 0x55)), 0, true);
        assertEquals(1, out.units.size());
        // the unit has its own SPS: the SDP's are not added again
        assertArrayEquals(concat(START, SPS, START, PPS, START, bytes(0x65, 0x88, 0x84, 0x00, 0x33, 0x44, 0x55)),
                out.units.get(0).bytes());
        assertEquals(0, d.dropped());
    }

    @Test
    void parameterSetsWithAMarkerOfTheirOwnJoinThePictureAfterThem() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, SPS, 0, true); // as GStreamer's rtph264pay sends them with config-interval
        feed(d, PPS, 0, true);
        feed(d, bytes(0x09, 0xF0), 0, false); // x264's delimiter: left out, the muxer writes one first
        feed(d, IDR, 0, false);
        feed(d, SPS, 0, false); // repeated before the second slice: left out
        feed(d, PPS, 0, false);
        feed(d, IDR, 0, true);
        assertEquals(1, out.units.size());
        assertArrayEquals(concat(START, SPS, START, PPS, START, IDR, START, IDR), out.units.get(0).bytes());
        assertEquals(0, d.dropped());
    }

    @Test
    void aNewTimestampEndsAUnitWithoutMarker() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, IDR, 0, false);
        feed(d, P, 3600, false);
        assertEquals(1, out.units.size());
        feed(d, P, 7200, false);
        assertEquals(2, out.units.size());
        assertEquals(3600, out.units.get(1).timestamp());
    }

    @Test
    void aLossDropsTheUnitAndWhatFollowsUntilAKeyframe() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, IDR, 0, true);
        feed(d, concat(bytes(0x5C, 0x81), bytes(1, 2)), 3600, false);      // P in FU-A: start
        feed(d, concat(bytes(0x5C, 0x41), bytes(5, 6)), 3600, true, true); // end, after a lost middle
        feed(d, P, 7200, true);                                            // refers to the lost one
        feed(d, IDR, 10800, true);
        assertEquals(2, out.units.size());
        assertEquals(10800, out.units.get(1).timestamp());
        assertEquals(2, d.dropped());
    }

    @Test
    void malformedPayloadsAreDroppedNotThrown() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, concat(bytes(0x5C, 0x01), bytes(1, 2)), 0, true);        // FU-A middle without a start
        feed(d, concat(bytes(0x78, 0, 50), SPS), 3600, true);            // STAP-A size past the end
        feed(d, bytes(0x78, 0), 7200, true);                             // STAP-A with half a size
        feed(d, bytes(0x7C), 10800, true);                               // FU-A without header
        feed(d, bytes(0x7E, 1, 2, 3), 14400, true);                      // reserved type 30
        feed(d, bytes(0x79, 0, 0, 0, 0), 18000, true);                   // STAP-B: interleaved mode
        feed(d, new byte[0], 21600, true);                               // empty
        assertEquals(0, out.units.size());
        assertEquals(7, d.dropped());
        feed(d, IDR, 25200, true);
        assertEquals(1, out.units.size());
    }

    @Test
    void theFirstUnitsWaitForAKeyframe() throws RtspProtocolException {
        H264Depacketizer d = withSprop();
        feed(d, P, 0, true);
        assertEquals(0, out.units.size());
        feed(d, IDR, 3600, true);
        assertEquals(1, out.units.size());
    }

    @Test
    void withoutSpropTheUnitIsAsSent() throws RtspProtocolException {
        H264Depacketizer d = H264Depacketizer.of(Map.of(), out);
        feed(d, IDR, 0, true);
        assertArrayEquals(concat(START, IDR), out.units.get(0).bytes());
    }

    @Test
    void badSdpParametersAreRefused() {
        assertThrows(RtspProtocolException.class, () -> H264Depacketizer.of(Map.of("sprop-parameter-sets", "!!!,aM48gA=="), out));
        assertThrows(RtspProtocolException.class, () -> H264Depacketizer.of(Map.of("packetization-mode", "2"), out));
    }
}
