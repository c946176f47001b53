package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspTrackTest {

    private final RtpPacket packet = new RtpPacket();

    private static byte[] rtp(int seq, long ts, boolean marker, int pt, byte... payload) {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    private RtspTrack aac(Units out) throws RtspProtocolException {
        SdpMedia m = new SdpMedia(2, "audio", 97, "MPEG4-GENERIC", 48000, AacDepacketizerTest.HBR, "stream=1");
        RtspTrack t = new RtspTrack(m, RtspTrack.Codec.AAC, "rtsp://h/a/stream=1");
        t.depacketizeTo(out);
        return t;
    }

    private void give(RtspTrack t, byte[] b) {
        assertTrue(packet.parse(b, 0, b.length));
        t.packet(b, packet, (ts, k, x, o, l) -> { });
    }

    @Test
    void timestampsWrapAndBecome90kHzFromTheStart() throws RtspProtocolException {
        Units out = new Units();
        RtspTrack t = aac(out);
        byte[] frame = {0, 16, 0, 0x08, 7}; // one AU of 1 byte
        give(t, rtp(65535, 0xFFFFFC00L, true, 97, frame));
        give(t, rtp(0, 0, true, 97, frame)); // the timestamp and the sequence wrap
        assertEquals(2, out.units.size());
        assertEquals(RtspTrack.START_90K, t.to90k(out.units.get(0).timestamp()));
        assertEquals(RtspTrack.START_90K + 1920, t.to90k(out.units.get(1).timestamp())); // 1024 at 48 kHz
        assertEquals(0, t.lost());
    }

    @Test
    void gapsAreCountedAndLatePacketsDropped() throws RtspProtocolException {
        Units out = new Units();
        RtspTrack t = aac(out);
        byte[] frame = {0, 16, 0, 0x08, 7};
        give(t, rtp(10, 0, true, 97, frame));
        give(t, rtp(13, 3072, true, 97, frame)); // 11 and 12 lost
        give(t, rtp(12, 2048, true, 97, frame)); // late
        give(t, rtp(13, 3072, true, 97, frame)); // duplicate
        assertEquals(2, t.lost());
        assertEquals(2, t.late());
        assertEquals(2, out.units.size());
    }

    @Test
    void theBaseFromRtpInfoSyncsTracks() throws RtspProtocolException {
        Units out = new Units();
        RtspTrack t = aac(out);
        t.base(1000);
        give(t, rtp(1, 1000 + 4800, true, 97, (byte) 0, (byte) 16, (byte) 0, (byte) 0x08, (byte) 7));
        assertEquals(RtspTrack.START_90K + 9000, t.to90k(out.units.get(0).timestamp())); // 100 ms in
    }

    @Test
    void rtpHeadersWithExtrasAndBrokenOnes() {
        byte[] b = rtp(5, 77, true, 96, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 8, (byte) 9, (byte) 2);
        b[0] = (byte) 0xB1; // padding, extension... and one CSRC
        // the CSRC, then an extension header whose length (0x0708 words) runs far past the packet
        assertFalse(packet.parse(b, 0, b.length));
        byte[] ok = rtp(5, 77, true, 96, new byte[]{9, 9, 9, 9, 0, 0, 0, 0, 1, 2, 3, 2});
        ok[0] = (byte) 0xB1;
        assertTrue(packet.parse(ok, 0, ok.length));
        assertEquals(20, packet.payloadOffset());
        assertEquals(2, packet.payloadLength()); // 4 bytes after the extension, 2 of them padding
        assertFalse(packet.parse(new byte[11], 0, 11));
        byte[] v1 = rtp(1, 1, false, 96, (byte) 1);
        v1[0] = 0x40;
        assertFalse(packet.parse(v1, 0, v1.length));
        byte[] zeroPad = rtp(1, 1, false, 96, (byte) 1, (byte) 0);
        zeroPad[0] = (byte) 0xA0;
        assertFalse(packet.parse(zeroPad, 0, zeroPad.length));
    }
}
