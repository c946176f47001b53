package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtmpHandshakeTest {

    @Test
    void s2EchoesC1AndS1IsAPlainVersion3Answer() throws Exception {
        byte[] c1 = new byte[RtmpHandshake.SIZE];
        Arrays.fill(c1, (byte) 0x5A);
        byte[] in = new byte[1 + 2 * RtmpHandshake.SIZE];
        in[0] = 3;
        System.arraycopy(c1, 0, in, 1, c1.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpHandshake.serve(new ByteArrayInputStream(in), out);
        byte[] answer = out.toByteArray();
        assertEquals(1 + 2 * RtmpHandshake.SIZE, answer.length);
        assertEquals(3, answer[0]);
        assertArrayEquals(new byte[4], Arrays.copyOfRange(answer, 5, 9), "zero version field in S1");
        assertArrayEquals(c1, Arrays.copyOfRange(answer, 1 + RtmpHandshake.SIZE, answer.length));
    }

    @Test
    void otherVersionsAndGarbageAreRefused() {
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class,
                () -> RtmpHandshake.serve(new ByteArrayInputStream("GET / HTTP/1.1".getBytes()), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("0x47"), e.getMessage());
        RtmpProtocolException rtmpe = assertThrows(RtmpProtocolException.class,
                () -> RtmpHandshake.serve(new ByteArrayInputStream(new byte[]{6}), new ByteArrayOutputStream()));
        assertTrue(rtmpe.getMessage().contains("RTMPE"), rtmpe.getMessage());
    }

    @Test
    void aShortHandshakeIsAnEof() {
        byte[] in = new byte[100];
        in[0] = 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(EOFException.class, () -> RtmpHandshake.serve(new ByteArrayInputStream(in), out));
        assertEquals(0, out.size(), "nothing answered to half a C1");
        assertThrows(EOFException.class, () -> RtmpHandshake.serve(new ByteArrayInputStream(new byte[0]), out));
    }
}
