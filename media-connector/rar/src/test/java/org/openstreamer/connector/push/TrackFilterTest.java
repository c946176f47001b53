package org.openstreamer.connector.push;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.mux.ts.ProgramSubsetTest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.mux.ts.ProgramSubsetTest.AUDIO;
import static org.openstreamer.connector.mux.ts.ProgramSubsetTest.HIGH;
import static org.openstreamer.connector.mux.ts.ProgramSubsetTest.LOW;
import static org.openstreamer.connector.mux.ts.ProgramSubsetTest.PMT_PID;

class TrackFilterTest {

    private static final List<TsTrack> TRACKS = List.of(
            new TsTrack(0, HIGH, 0x1B, TsTrack.Kind.VIDEO, "h264", 1280, 720, 0, 0, null),
            new TsTrack(1, LOW, 0x1B, TsTrack.Kind.VIDEO, "h264", 640, 360, 0, 0, null),
            new TsTrack(2, AUDIO, 0x0F, TsTrack.Kind.AUDIO, "aac", 0, 0, 48000, 2, "eng"));

    private static byte[] payload(int pid, int cc) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (0x10 | cc);
        return p;
    }

    @Test
    void theSecondVideoAndTheAudioGoOutUnderAReducedPmtAndThePcrOfTheDroppedVideoStays() {
        byte[] tables = ProgramSubsetTest.tables(3, 9);
        List<byte[]> in = new ArrayList<>();
        in.add(java.util.Arrays.copyOfRange(tables, 0, 188));
        in.add(java.util.Arrays.copyOfRange(tables, 188, 376));
        in.add(ProgramSubsetTest.pcrPacket(HIGH, 1));
        in.add(payload(LOW, 4));
        in.add(payload(AUDIO, 7));
        in.add(payload(HIGH, 2));
        in.add(payload(0x1FFF, 0));
        byte[] buf = new byte[in.size() * 188];
        for (int i = 0; i < in.size(); i++) {
            System.arraycopy(in.get(i), 0, buf, i * 188, 188);
        }

        int length = new TrackFilter("v2a1").apply(buf, buf.length, tables, TRACKS);

        assertEquals(5 * 188, length, "PAT, PMT, the PCR alone, the low video, the audio");
        int[] pids = new int[5];
        for (int i = 0; i < 5; i++) {
            pids[i] = TsPackets.pid(buf, i * 188);
        }
        assertEquals(List.of(0, PMT_PID, HIGH, LOW, AUDIO), java.util.Arrays.stream(pids).boxed().toList());
        assertEquals(3, TsPackets.counter(buf, 0), "the PAT keeps the source's counter");
        assertEquals(9, TsPackets.counter(buf, 188), "the PMT keeps the source's counter");
        byte[] loop = ProgramSubsetTest.esLoop(buf, 188);
        assertEquals(2 * 5 + 6, loop.length, "the low video and the audio (with its language) are listed");
        assertTrue(TsPackets.hasPcr(buf, 2 * 188));
        assertEquals(0x20, buf[2 * 188 + 3] & 0x30, "the high video's PCR travels without its picture");
    }

    @Test
    void aMissingTrackOrAMalformedListIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> new TrackFilter("x1"));
        assertThrows(IllegalArgumentException.class, () -> new TrackFilter("v0"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TrackFilter("v3").apply(new byte[188], 188, ProgramSubsetTest.tables(0, 0), TRACKS));
        assertEquals("tracks=v3: the stream has no track v3", e.getMessage());
    }
}
