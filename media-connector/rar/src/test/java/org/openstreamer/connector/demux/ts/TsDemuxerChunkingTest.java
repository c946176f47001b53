package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same bytes in chunks of any size give the same callbacks as in one piece. */
class TsDemuxerChunkingTest {

    /** A chunking: the size of the n-th chunk. */
    record Chunking(String name, IntUnaryOperator size) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Random random = new Random(7);
        Random small = new Random(11);
        return Stream.of(
                Arguments.of("short", new Chunking("1 byte", n -> 1)),
                Arguments.of("short", new Chunking("187 bytes", n -> 187)),
                Arguments.of("h264_aac", new Chunking("1316 bytes (SRT)", n -> 1316)),
                Arguments.of("h264_aac", new Chunking("random 1..20000", n -> 1 + random.nextInt(20000))),
                Arguments.of("h265_mp3", new Chunking("random 1..400", n -> 1 + small.nextInt(400))),
                Arguments.of("h265_mp3", new Chunking("65536 bytes", n -> 65536)));
    }

    /** Garbage and damage too: the sync decisions must not depend on where chunks end. */
    static byte[] damaged(byte[] clean) {
        byte[] junk = new byte[777];
        new Random(3).nextBytes(junk);
        int cut = 188 * 500;
        byte[] out = new byte[clean.length + junk.length - 90];
        System.arraycopy(clean, 0, out, 0, cut);
        System.arraycopy(junk, 0, out, cut, junk.length);
        // then a packet cut to 98 bytes, then the rest
        System.arraycopy(clean, cut, out, cut + junk.length, 98);
        System.arraycopy(clean, cut + 188, out, cut + junk.length + 98, clean.length - cut - 188);
        out[cut + junk.length + 98 + 188 * 40] = 0x11; // and a flipped sync byte further on
        return out;
    }

    @ParameterizedTest(name = "{0} in chunks of {1}")
    @MethodSource("cases")
    void chunkingDoesNotChangeTheCallbacks(String fixture, Chunking chunking) {
        for (byte[] ts : new byte[][] {TsFixtures.bytes(fixture), damaged(TsFixtures.bytes(fixture))}) {
            RecordingListener whole = RecordingListener.demux(ts);
            RecordingListener chunked = new RecordingListener();
            TsDemuxer d = new TsDemuxer(chunked);
            int n = 0;
            for (int off = 0; off < ts.length; ) {
                int len = Math.min(chunking.size().applyAsInt(n++), ts.length - off);
                d.feed(ts, off, len);
                off += len;
            }
            d.flush();
            assertTrue(whole.frames.size() > 50);
            assertEquals(whole.events.size(), chunked.events.size());
            assertEquals(whole.events, chunked.events);
            assertEquals(whole.stats, d.stats());
        }
    }
}
