package org.openstreamer.connector.ingest;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.mux.ts.MuxCodec;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source delivering access units reaches the hub as one delivering MPEG-TS does. */
class IngestSessionAccessUnitsTest {

    /** An IDR slice, first in its picture. */
    private static final byte[] IDR = {0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x10};
    /** A non-IDR slice, first in its picture. */
    private static final byte[] P = {0, 0, 0, 1, 0x41, (byte) 0x9A, 0x02, 0x10};
    /** An ADTS frame: AAC LC, 44.1 kHz, stereo, 11 bytes. */
    private static final byte[] ADTS = {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0x01, 0x7F, (byte) 0xFC, 1, 2, 3, 4};

    private final List<MediaEvent> events = new ArrayList<>();
    private final LiveStream cam1 = new LiveStream("cam1");
    private final IngestSessions sessions = new IngestSessions(n -> cam1, events::add);

    private static final class RtmpSource implements Source {
        @Override
        public String protocol() {
            return "rtmp";
        }

        @Override
        public String peer() {
            return "127.0.0.1:1935";
        }

        @Override
        public int port() {
            return 1935;
        }

        @Override
        public void disconnect(String reason) {
        }

        @Override
        public Map<String, String> stopStats() {
            return Map.of();
        }
    }

    @Test
    void accessUnitsReachTheHubAndBadOnesCountAsErrors() {
        IngestSession s = sessions.open("cam1", new RtmpSource());
        s.accessUnit(0, 0, 0, true, IDR, 0, IDR.length); // before the declaration: refused
        s.declareTracks(List.of(MuxTrack.of(0x100, MuxCodec.H264), MuxTrack.of(0x101, MuxCodec.AAC)));
        assertThrows(IllegalStateException.class, () -> s.declareTracks(List.of(MuxTrack.of(0x100, MuxCodec.H264))));
        for (int i = 0; i < 100; i++) {
            long t = 126000 + i * 3600L;
            byte[] v = i % 50 == 0 ? IDR : P;
            s.accessUnit(0, t, t, i % 50 == 0, v, 0, v.length);
            s.accessUnit(1, t, t, true, ADTS, 0, ADTS.length);
        }
        s.accessUnit(5, 0, 0, true, ADTS, 0, ADTS.length); // undeclared track: refused
        s.accessUnit(1, 0, 0, true, ADTS, 0, 0); // empty: refused

        assertEquals(List.of("h264", "aac"), cam1.tracks().stream().map(TsTrack::codec).toList());
        assertEquals(List.of(0x100, 0x101), cam1.tracks().stream().map(TsTrack::pid).toList());
        assertTrue(cam1.isLive(), "a keyframe reached the hub");
        assertTrue(cam1.lastFrameMillis() > 0);
        assertTrue(cam1.packetCount() >= 200 + 4, "packets: " + cam1.packetCount());

        s.check();
        s.close("connection closed");
        MediaEvent stopped = events.get(events.size() - 1);
        assertEquals("publish_stopped", stopped.type());
        assertEquals("3", String.valueOf(stopped.data().get("errors")), "the three refused units, nothing else: " + stopped.data());
        long offered = IDR.length + 2L * IDR.length + 98L * P.length + 101L * ADTS.length;
        assertEquals(Long.toString(offered), String.valueOf(stopped.data().get("bytes")), "access unit bytes offered");
    }
}
