package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an RTMP publisher sends before and around its media: the handshake followed by chunks (as
 * {@link RtmpConnection} reads them), and FLV tag bodies into {@link FlvAccessUnits}. Allowed:
 * {@link RtmpProtocolException} and {@link IOException} (the end of the input).
 */
class RtmpHandshakeFuzzTest {

    static byte[] handshakeThenChunks() {
        byte[] chunks = RtmpFuzzTest.connectAndPublish();
        byte[] c0c1c2 = new byte[1 + 2 * RtmpHandshake.SIZE];
        c0c1c2[0] = RtmpHandshake.VERSION;
        for (int i = 9; i < c0c1c2.length; i++) {
            c0c1c2[i] = (byte) (i * 31);
        }
        byte[] all = Arrays.copyOf(c0c1c2, c0c1c2.length + chunks.length);
        System.arraycopy(chunks, 0, all, c0c1c2.length, chunks.length);
        return all;
    }

    @Test
    void aMutatedHandshakeThrowsOnlyProtocolOrIoErrors() {
        handshakeFuzzer().run(RtmpHandshakeFuzzTest::handshake);
    }

    /** The handshake corpus, seeds and rules (shared with {@link RtmpHandshakeJazzerTest}). */
    static MutationFuzzer handshakeFuzzer() {
        return new MutationFuzzer("rtmp-handshake").seed(handshakeThenChunks())
                .seed(new byte[] {6, 0, 0}).seed(new byte[] {3})
                .allow(t -> t instanceof RtmpProtocolException || t instanceof IOException)
                .maxLength(16 * 1024);
    }

    /**
     * The handshake target (also of {@link RtmpHandshakeJazzerTest}): the server's side of the
     * handshake, then the chunk target on what follows. Throws {@link RtmpProtocolException} or
     * {@link IOException} on bad input.
     */
    static String handshake(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RtmpHandshake.serve(in, out);
        byte[] s = out.toByteArray();
        if (s.length != 1 + 2 * RtmpHandshake.SIZE
                || !Arrays.equals(s, 1 + RtmpHandshake.SIZE, s.length, input, 1, 1 + RtmpHandshake.SIZE)) {
            throw new AssertionError("S0S1S2 of " + s.length + " bytes does not echo C1");
        }
        return "handshake done, then " + RtmpFuzzTest.readChunks(in.readAllBytes());
    }

    /** An AVC and an AAC stream's first tags; the harness's framing: kind byte, 2 length bytes, 2 timestamp bytes, body. */
    static byte[] flvTags() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        tag(b, 0, new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 2, 0x67, 0x64, 1, 0, 2, 0x68, (byte) 0xEE});
        tag(b, 1, new byte[] {(byte) 0xAF, 0, 0x12, 0x10});
        tag(b, 0, new byte[] {0x17, 1, 0, 0, 40, 0, 0, 0, 3, 0x65, 1, 2});
        tag(b, 1, new byte[] {(byte) 0xAF, 1, 0x21, 0x22, 0x23});
        tag(b, 0, new byte[] {0x27, 1, 0, 0, 0, 0, 0, 0, 2, 0x41, 9});
        // enhanced RTMP: HEVC sequence start, coded frames
        tag(b, 0, new byte[] {(byte) 0x90, 'h', 'v', 'c', '1', 1, 0, 0, 0, 0});
        tag(b, 0, new byte[] {(byte) 0x91, 'h', 'v', 'c', '1', 0, 0, 0, 0, 0, 0, 3, 0x26, 1, 2});
        tag(b, 2, new byte[0]); // metadata: video 7 and audio 10 announced
        return b.toByteArray();
    }

    private static void tag(ByteArrayOutputStream b, int kind, byte[] body) {
        b.write(kind);
        b.write(body.length >> 8);
        b.write(body.length);
        b.write(0);
        b.write(40);
        b.write(body, 0, body.length);
    }

    @Test
    void mutatedFlvTagsThrowOnlyProtocolErrors() {
        flvFuzzer().run(RtmpHandshakeFuzzTest::readFlvTags);
    }

    /** The FLV corpus, seeds and rules (shared with {@link RtmpHandshakeJazzerTest}). */
    static MutationFuzzer flvFuzzer() {
        return new MutationFuzzer("flv-access-units").seed(flvTags())
                .allow(t -> t instanceof RtmpProtocolException)
                .maxLength(16 * 1024);
    }

    /**
     * The FLV target (also of {@link RtmpHandshakeJazzerTest}): tags in the harness framing into
     * {@link FlvAccessUnits}; throws {@link RtmpProtocolException} on bad input.
     */
    static String readFlvTags(byte[] input) {
        int[] units = new int[3];
        FlvAccessUnits flv = new FlvAccessUnits(new AccessUnitTarget() {
            @Override
            public void declareTracks(List<MuxTrack> tracks) {
                units[0] += tracks.size();
            }

            @Override
            public void sequenceHeader(int track, byte[] config) {
                units[1]++;
            }

            @Override
            public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
                if (off < 0 || len < 0 || off + len > buf.length) {
                    throw new AssertionError("access unit [" + off + ", " + (off + len) + ") of a " + buf.length + "-byte buffer");
                }
                units[2]++;
            }
        }, warning -> { });
        long ms = 0;
        for (int p = 0; p + 5 <= input.length; ) {
            int kind = input[p] & 3;
            int len = Math.min(((input[p + 1] & 0xFF) << 8) | (input[p + 2] & 0xFF), input.length - p - 5);
            ms += ((input[p + 3] & 0xFF) << 8) | (input[p + 4] & 0xFF);
            int off = p + 5;
            switch (kind) {
                case 0 -> flv.video(ms, input, off, len);
                case 1 -> flv.audio(ms, input, off, len);
                default -> flv.metadata(Map.of("videocodecid", (double) (len & 15), "audiocodecid", (double) (ms & 15)));
            }
            p = off + len;
        }
        return "tracks " + units[0] + ", headers " + Math.min(units[1], 4) + ", units " + Math.min(units[2], 4);
    }
}
