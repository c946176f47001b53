package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk headers of all four types, interleaving, chunk sizes, extended timestamps and limits. */
class RtmpChunkReaderTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    private RtmpChunkReader reader(RtmpLimits limits) {
        return new RtmpChunkReader(new ByteArrayInputStream(wire.toByteArray()), limits, silent -> {
            throw new IOException("idle");
        });
    }

    private RtmpChunkReader reader() {
        return reader(RtmpLimits.DEFAULT);
    }

    private void bytes(int... values) {
        for (int v : values) {
            wire.write(v);
        }
    }

    private void payload(byte[] b, int off, int len) {
        wire.write(b, off, len);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void aMessageLongerThanTheChunkSizeIsReassembledFromType3Chunks() throws IOException {
        byte[] body = pattern(300, 1);
        RtmpChunkWriter w = new RtmpChunkWriter(wire);
        w.write(6, RtmpMessage.VIDEO, 1, 1000, body, 0, body.length); // chunks of 128: fmt 0, 3, 3
        RtmpMessage m = reader().next();
        assertEquals(RtmpMessage.VIDEO, m.type);
        assertEquals(1, m.streamId);
        assertEquals(1000, m.timestamp);
        assertEquals(300, m.length);
        assertArrayEquals(body, Arrays.copyOf(m.payload, m.length));
    }

    @Test
    void type1And2HeadersAddDeltasAndType3RepeatsTheLastDelta() throws IOException {
        byte[] a = pattern(10, 2);
        bytes(0x04, 0, 0, 100, 0, 0, 10, RtmpMessage.AUDIO, 1, 0, 0, 0); // fmt 0, ts 100
        payload(a, 0, 10);
        bytes(0x44, 0, 0, 23, 0, 0, 10, RtmpMessage.AUDIO); // fmt 1, delta 23
        payload(a, 0, 10);
        bytes(0x84, 0, 0, 24); // fmt 2, delta 24
        payload(a, 0, 10);
        bytes(0xC4); // fmt 3: delta 24 again
        payload(a, 0, 10);
        RtmpChunkReader r = reader();
        assertEquals(100, r.next().timestamp);
        assertEquals(123, r.next().timestamp);
        assertEquals(147, r.next().timestamp);
        RtmpMessage last = r.next();
        assertEquals(171, last.timestamp);
        assertEquals(1, last.streamId);
        assertEquals(10, last.length);
    }

    @Test
    void chunkStreamsInterleaveAndTheChunkSizeCanChange() throws IOException {
        byte[] video = pattern(200, 3);
        byte[] audio = pattern(50, 4);
        bytes(0x06, 0, 0, 0, 0, 0, 200, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(video, 0, 128);
        bytes(0x04, 0, 0, 0, 0, 0, 50, RtmpMessage.AUDIO, 1, 0, 0, 0);
        payload(audio, 0, 50);
        bytes(0xC6);
        payload(video, 128, 72);
        RtmpChunkReader r = reader();
        RtmpMessage first = r.next();
        assertEquals(RtmpMessage.AUDIO, first.type);
        assertArrayEquals(audio, Arrays.copyOf(first.payload, first.length));
        RtmpMessage second = r.next();
        assertEquals(RtmpMessage.VIDEO, second.type);
        assertArrayEquals(video, Arrays.copyOf(second.payload, second.length));

        wire.reset();
        bytes(0x06, 0, 0, 0, 0, 0, 200, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(video, 0, 200); // one chunk, once the chunk size is 4096
        RtmpChunkReader big = reader();
        big.setChunkSize(4096);
        assertEquals(200, big.next().length);
    }

    @Test
    void extendedTimestampsAreReadAlsoOnContinuationChunks() throws IOException {
        byte[] body = pattern(200, 5);
        RtmpChunkWriter w = new RtmpChunkWriter(wire);
        w.write(6, RtmpMessage.VIDEO, 1, 0x12345678L, body, 0, body.length);
        w.write(6, RtmpMessage.VIDEO, 1, 0xFFFFFFFFL, body, 0, 10);
        RtmpChunkReader r = reader();
        RtmpMessage m = r.next();
        assertEquals(0x12345678L, m.timestamp);
        assertArrayEquals(body, Arrays.copyOf(m.payload, m.length));
        assertEquals(0xFFFFFFFFL, r.next().timestamp);
    }

    @Test
    void twoAndThreeByteBasicHeadersNameHighChunkStreams() throws IOException {
        bytes(0x00, 200 - 64, 0, 0, 5, 0, 0, 1, RtmpMessage.AUDIO, 1, 0, 0, 0, 9);
        bytes(0x01, (1000 - 64) & 0xFF, (1000 - 64) >> 8, 0, 0, 6, 0, 0, 1, RtmpMessage.AUDIO, 1, 0, 0, 0, 8);
        RtmpChunkReader r = reader();
        RtmpMessage a = r.next();
        assertEquals(200, a.chunkStream);
        assertEquals(5, a.timestamp);
        RtmpMessage b = r.next();
        assertEquals(1000, b.chunkStream);
        assertEquals(8, b.payload[0]);
    }

    @Test
    void aNewMessageHeaderInsideAMessageIsRefused() {
        byte[] body = pattern(200, 6);
        bytes(0x06, 0, 0, 0, 0, 0, 200, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(body, 0, 128);
        bytes(0x06, 0, 0, 0, 0, 0, 3, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(body, 0, 3);
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, reader()::next);
        assertTrue(e.getMessage().contains("inside a message"), e.getMessage());
    }

    @Test
    void afterAbortTheChunkStreamStartsAfresh() throws IOException {
        byte[] body = pattern(200, 7);
        bytes(0x06, 0, 0, 0, 0, 0, 200, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(body, 0, 128);
        bytes(0x02, 0, 0, 0, 0, 0, 4, RtmpMessage.ABORT, 0, 0, 0, 0, 0, 0, 0, 6);
        bytes(0x06, 0, 0, 0, 0, 0, 3, RtmpMessage.VIDEO, 1, 0, 0, 0);
        payload(body, 0, 3);
        RtmpChunkReader r = reader();
        RtmpMessage abort = r.next();
        assertEquals(RtmpMessage.ABORT, abort.type);
        r.abort(abort.u32(0));
        assertEquals(3, r.next().length);
    }

    @Test
    void oversizedMessagesAreRefusedFromTheirHeader() {
        bytes(0x06, 0, 0, 0, 0x7F, 0, 0, RtmpMessage.VIDEO, 1, 0, 0, 0); // 8 MiB + ... announced
        RtmpChunkReader r = reader(new RtmpLimits(1 << 20, 1 << 24, 8, 4 << 20));
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, r::next);
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void manyHalfFinishedMessagesHitTheBufferedLimit() {
        for (int cs = 3; cs < 8; cs++) {
            bytes(cs, 0, 0, 0, 0x0F, 0xFF, 0xFF, RtmpMessage.VIDEO, 1, 0, 0, 0); // 1 MiB each, 128 bytes sent
            payload(new byte[128], 0, 128);
        }
        RtmpChunkReader r = reader(new RtmpLimits(1 << 20, 1 << 24, 8, 3 << 20));
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, r::next);
        assertTrue(e.getMessage().contains("unfinished messages"), e.getMessage());
    }

    @Test
    void badChunkSizesAndUnknownChunkStreamsAreRefused() {
        RtmpChunkReader r = reader();
        assertThrows(RtmpProtocolException.class, () -> r.setChunkSize(0));
        assertThrows(RtmpProtocolException.class, () -> r.setChunkSize(0x80000000L));
        assertThrows(RtmpProtocolException.class, () -> r.setChunkSize((1 << 24) + 1));
        bytes(0xC5, 1, 2, 3);
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, reader()::next);
        assertTrue(e.getMessage().contains("starts with a type 3 header"), e.getMessage());
    }

    @Test
    void tooManyChunkStreamsAreRefused() {
        for (int cs = 3; cs < 12; cs++) {
            bytes(cs, 0, 0, 0, 0, 0, 1, RtmpMessage.AUDIO, 1, 0, 0, 0, 0);
        }
        RtmpChunkReader r = reader(new RtmpLimits(1 << 20, 1 << 24, 8, 4 << 20));
        RtmpProtocolException e = assertThrows(RtmpProtocolException.class, () -> {
            for (int i = 0; i < 9; i++) {
                r.next();
            }
        });
        assertTrue(e.getMessage().contains("more than 8 chunk streams"), e.getMessage());
    }

    @Test
    void theEndOfTheStreamIsAnEof() {
        bytes(0x06, 0, 0, 0, 0, 0, 200, RtmpMessage.VIDEO, 1, 0, 0, 0, 1, 2, 3);
        assertThrows(EOFException.class, reader()::next);
    }
}
