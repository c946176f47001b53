package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspMessageReaderTest {

    private static RtspMessageReader reader(byte[] bytes) {
        return new RtspMessageReader(new ByteArrayInputStream(bytes));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsRepliesAndInterleavedFramesInTurn() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Length: 5\r\nWWW-Authenticate: Basic\r\n"
                + "WWW-Authenticate: Digest realm=\"x\"\r\n\r\nhello"));
        b.writeBytes(new byte[]{'$', 2, 0, 3, 7, 8, 9});
        b.writeBytes(ascii("OPTIONS rtsp://client/ RTSP/1.0\r\nCSeq: 1\r\n\r\n")); // a server's request: skipped
        b.writeBytes(ascii("RTSP/1.0 454 Session Not Found\nCSeq: 4\n\n"));
        RtspMessageReader r = reader(b.toByteArray());

        assertEquals(RtspMessageReader.Kind.RESPONSE, r.next());
        assertEquals(200, r.response().status());
        assertEquals("3", r.response().header("cseq"));
        assertEquals(2, r.response().headers("WWW-Authenticate").size());
        assertEquals("hello", r.response().bodyText());

        assertEquals(RtspMessageReader.Kind.FRAME, r.next());
        assertEquals(2, r.channel());
        assertEquals(3, r.frameLength());
        assertEquals(7, r.buffer()[r.frameOffset()]);

        assertEquals(RtspMessageReader.Kind.RESPONSE, r.next());
        assertEquals(454, r.response().status());
        assertEquals("Session Not Found", r.response().reason());
        IOException end = assertThrows(IOException.class, r::next);
        assertTrue(end.getMessage().contains("closed"), end.getMessage());
    }

    @Test
    void messagesCutAnywhereComeWhole() throws IOException {
        byte[] all = ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 3\r\n\r\nabc$\u0000\u0000\u0002xy");
        // one byte per read
        InputStream slow = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < all.length ? all[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= all.length) {
                    return -1;
                }
                b[off] = all[i++];
                return 1;
            }
        };
        RtspMessageReader r = new RtspMessageReader(slow);
        assertEquals(RtspMessageReader.Kind.RESPONSE, r.next());
        assertArrayEquals(ascii("abc"), r.response().body());
        assertEquals(RtspMessageReader.Kind.FRAME, r.next());
        assertEquals(2, r.frameLength());
    }

    @Test
    void garbageIsNotAReply() {
        RtspProtocolException e = assertThrows(RtspProtocolException.class,
                () -> reader(ascii("\u0016\u0003\u0001 TLS hello")).next());
        assertTrue(e.getMessage().startsWith("not an RTSP reply"), e.getMessage());
        e = assertThrows(RtspProtocolException.class, () -> reader(ascii("HTTP/1.1 200 OK\r\n\r\n")).next());
        assertTrue(e.getMessage().contains("not an RTSP reply: \"HTTP/1.1 200 OK\""), e.getMessage());
    }

    @Test
    void aHugeContentLengthIsRefusedBeforeReadingTheBody() {
        RtspProtocolException e = assertThrows(RtspProtocolException.class,
                () -> reader(ascii("RTSP/1.0 200 OK\r\nContent-Length: 2000000000\r\n\r\n")).next());
        assertEquals("Content-Length 2000000000 over the limit of 65536 bytes", e.getMessage());
        e = assertThrows(RtspProtocolException.class,
                () -> reader(ascii("RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n")).next());
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        e = assertThrows(RtspProtocolException.class,
                () -> reader(ascii("RTSP/1.0 200 OK\r\nContent-Length: lots\r\n\r\n")).next());
        assertTrue(e.getMessage().contains("malformed Content-Length"), e.getMessage());
    }

    @Test
    void anEndlessHeadIsRefused() {
        String head = "RTSP/1.0 200 OK\r\n" + "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(1000);
        RtspProtocolException e = assertThrows(RtspProtocolException.class, () -> reader(ascii(head)).next());
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void brokenStatusAndHeaderLines() {
        assertThrows(RtspProtocolException.class, () -> reader(ascii("RTSP/1.0 OK\r\n\r\n")).next());
        assertThrows(RtspProtocolException.class, () -> reader(ascii("RTSP/1.0 200 OK\r\nno colon here\r\n\r\n")).next());
    }
}
