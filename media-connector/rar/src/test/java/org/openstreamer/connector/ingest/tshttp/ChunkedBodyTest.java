package org.openstreamer.connector.ingest.tshttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedBodyTest {

    private static final String BODY = "5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: 1\r\n\r\n";

    /** Delivers its bytes, throwing a read timeout before every {@code every}-th byte, once per position. */
    private static final class StallingStream extends InputStream {
        private final byte[] bytes;
        private final int every;
        private int pos;
        private int stalledAt = -1;

        StallingStream(byte[] bytes, int every) {
            this.bytes = bytes;
            this.every = every;
        }

        @Override
        public int read() throws IOException {
            stall();
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            stall();
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++]; // one byte at a time: every cut is tried
            return 1;
        }

        private void stall() throws SocketTimeoutException {
            if (pos % every == 0 && stalledAt != pos) {
                stalledAt = pos;
                throw new SocketTimeoutException("stall");
            }
        }
    }

    private static String readAll(ChunkedBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4];
        while (true) {
            int n;
            try {
                n = body.read(buf, 0, buf.length);
            } catch (SocketTimeoutException e) {
                continue; // as the puller does: nothing this time, go on later
            }
            if (n < 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.write(buf, 0, n);
        }
    }

    @Test
    void decodesChunksExtensionsAndTrailers() throws IOException {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("hello, chunked!", readAll(body));
        assertEquals(-1, body.read(new byte[1], 0, 1), "stays at the end");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7})
    void aReadTimeoutAnywhereLosesNothing(int every) throws IOException {
        ChunkedBody body = new ChunkedBody(new StallingStream(BODY.getBytes(StandardCharsets.ISO_8859_1), every));
        assertEquals("hello, chunked!", readAll(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\nhello\r\n0\r\n\r\n", "\r\n", "5\r\nhello!!\r\n0\r\n\r\n", "5\rXhello\r\n",
            "1000000000000000\r\n", "5\r\nhel"})
    void malformedBodiesFailWithAReason(String text) {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        IOException e = assertThrows(IOException.class, () -> readAll(body));
        assertTrue(e.getMessage().contains("chunk"), e.getMessage());
    }

    @Test
    void binaryDataPassesUnchanged() throws IOException {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("12c\r\n".getBytes(StandardCharsets.ISO_8859_1));
        wire.writeBytes(data);
        wire.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(wire.toByteArray()));
        assertArrayEquals(data, readAll(body).getBytes(StandardCharsets.ISO_8859_1));
    }
}
