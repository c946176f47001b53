package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arbitrary bytes into the RTMP chunk reader (after the handshake) and the AMF0 reader. Allowed:
 * {@link RtmpProtocolException} (with {@link Amf0Exception}) and {@link IOException}, which covers
 * the {@code EOFException} at the end of the input. The reader is driven as the connection drives
 * it: set-chunk-size and abort messages are applied, command and data bodies go through AMF0.
 */
class RtmpFuzzTest {

    /** Small limits so that a limit is reachable from a short input. */
    private static final RtmpLimits LIMITS = new RtmpLimits(64 * 1024, 1 << 20, 8, 256 * 1024);

    static byte[] connectAndPublish() {
        try {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            RtmpChunkWriter w = new RtmpChunkWriter(wire);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("app", "live");
            info.put("type", "nonprivate");
            info.put("tcUrl", "rtmp://localhost/live");
            Amf0Writer a = new Amf0Writer().string("connect").number(1).object(info);
            w.write(RtmpChunkWriter.COMMAND_CHUNK_STREAM, RtmpMessage.COMMAND_AMF0, 0, 0, a.array(), 0, a.length());
            w.setChunkSize(4096);
            a = new Amf0Writer().string("createStream").number(2).nul();
            w.write(RtmpChunkWriter.COMMAND_CHUNK_STREAM, RtmpMessage.COMMAND_AMF0, 0, 0, a.array(), 0, a.length());
            a = new Amf0Writer().string("publish").number(3).nul().string("cam1").string("live");
            w.write(8, RtmpMessage.COMMAND_AMF0, 1, 0, a.array(), 0, a.length());
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("width", 1280.0);
            meta.put("videocodecid", 7.0);
            a = new Amf0Writer().string("@setDataFrame").string("onMetaData").ecmaArray(meta);
            w.write(4, RtmpMessage.DATA_AMF0, 1, 0, a.array(), 0, a.length());
            byte[] video = new byte[300];
            video[0] = 0x17;
            w.write(6, RtmpMessage.VIDEO, 1, 40, video, 0, video.length);
            w.write(6, RtmpMessage.VIDEO, 1, 0x1000000, video, 0, 20); // extended timestamp
            w.flush();
            return wire.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void arbitraryChunksThrowOnlyProtocolOrIoErrors() {
        chunkFuzzer().run(RtmpFuzzTest::readChunks);
    }

    @Test
    void arbitraryAmf0ThrowsOnlyAmf0Errors() {
        amf0Fuzzer().run(RtmpFuzzTest::readAmf0);
    }

    /** The chunk corpus, seeds and rules (shared with {@link RtmpChunkJazzerTest}). */
    static MutationFuzzer chunkFuzzer() {
        return new MutationFuzzer("rtmp-chunks").seed(connectAndPublish())
                .allow(t -> t instanceof RtmpProtocolException || t instanceof IOException)
                .maxLength(64 * 1024);
    }

    /** The AMF0 corpus, seeds and rules (shared with {@link Amf0JazzerTest}). */
    static MutationFuzzer amf0Fuzzer() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("level", "status");
        nested.put("inner", Map.of("n", 2.5));
        Amf0Writer a = new Amf0Writer().string("onStatus").number(0).nul().object(nested).bool(true)
                .ecmaArray(Map.of("duration", 0.0));
        byte[] others = {Amf0.STRICT_ARRAY, 0, 0, 0, 2, Amf0.BOOLEAN, 1, Amf0.UNDEFINED,
                Amf0.DATE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Amf0.LONG_STRING, 0, 0, 0, 2, 'o', 'k'};
        return new MutationFuzzer("amf0")
                .seed(java.util.Arrays.copyOf(a.array(), a.length())).seed(others)
                .allow(t -> t instanceof Amf0Exception)
                .maxLength(16 * 1024);
    }

    /** The AMF0 target (also of {@link Amf0JazzerTest}); throws {@link Amf0Exception} on bad input. */
    static String readAmf0(byte[] input) {
        return "values " + Math.min(Amf0.readAll(input, 0, input.length).size(), 8);
    }

    /**
     * The chunk target (also of {@link RtmpChunkJazzerTest}): reads messages to the end of the input as
     * the connection does; returns a signature. Throws {@link RtmpProtocolException} or {@link IOException} on bad input.
     */
    static String readChunks(byte[] input) throws IOException {
        // every other input with the server's limits, whose buffers are large: the allocation check counts
        RtmpLimits limits = input.length % 2 == 1 ? RtmpLimits.DEFAULT : LIMITS;
        RtmpChunkReader reader = new RtmpChunkReader(new ByteArrayInputStream(input), limits, silent -> {
            throw new IOException("idle");
        });
        for (int n = 0; ; n++) {
            RtmpMessage m;
            try {
                m = reader.next();
            } catch (java.io.EOFException e) {
                return "eof after " + Math.min(n, 8);
            }
            if (m.length < 0 || m.length > limits.maxMessage() || m.length > m.payload.length) {
                throw new AssertionError("message of " + m.length + " bytes");
            }
            if (m.type == RtmpMessage.SET_CHUNK_SIZE) {
                reader.setChunkSize(m.u32(0));
            } else if (m.type == RtmpMessage.ABORT) {
                reader.abort(m.u32(0));
            } else if (m.type == RtmpMessage.COMMAND_AMF0 || m.type == RtmpMessage.DATA_AMF0) {
                Amf0.readAll(m.payload, 0, m.length);
            }
        }
    }
}
