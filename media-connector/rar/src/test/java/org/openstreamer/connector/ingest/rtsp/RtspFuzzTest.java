package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What an RTSP server sends: mutated SDP into {@link Sdp#parse}, and mutated replies and interleaved
 * frames into {@link RtspMessageReader}. Allowed: {@link RtspProtocolException}, and for the reader
 * {@link IOException} (the end of the input).
 */
class RtspFuzzTest {

    @Test
    void mutatedSdpThrowsOnlyProtocolErrors() {
        sdpFuzzer().run(RtspFuzzTest::parseSdp);
    }

    @Test
    void mutatedRepliesAndFramesThrowOnlyProtocolOrIoErrors() {
        messageFuzzer().run(RtspFuzzTest::readMessages);
    }

    /** The SDP corpus, seeds, tokens and rules (shared with {@link RtspJazzerTest}). */
    static MutationFuzzer sdpFuzzer() {
        return new MutationFuzzer("rtsp-sdp").seed(SdpTest.CAMERA)
                .token("m=video 0 RTP/AVP 96\r\n").token("a=rtpmap:").token("a=fmtp:96 ").token("a=control:")
                .token("sprop-parameter-sets=").token("config=").token("/90000").token("\r\n").token("=")
                .token("4294967296").token("-1")
                .allow(t -> t instanceof RtspProtocolException)
                .maxLength(16 * 1024);
    }

    /** The reply corpus, seeds, tokens and rules (shared with {@link RtspJazzerTest}). */
    static MutationFuzzer messageFuzzer() {
        byte[] frame = {'$', 0, 0, 4, (byte) 0x80, 96, 0, 1};
        String describe = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: "
                + SdpTest.CAMERA.length() + "\r\n\r\n" + SdpTest.CAMERA;
        String options = "OPTIONS * RTSP/1.0\r\nCSeq: 9\r\n\r\n";
        byte[] seed = (describe + options).getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(seed, seed.length + frame.length);
        System.arraycopy(frame, 0, all, seed.length, frame.length);
        return new MutationFuzzer("rtsp-messages").seed(all)
                .token("Content-Length: ").token("RTSP/1.0 ").token("\r\n\r\n").token("$")
                .token("99999999999").token("-5")
                .allow(t -> t instanceof IOException)
                .maxLength(256 * 1024);
    }

    /** The SDP target (also of {@link RtspJazzerTest}); throws {@link RtspProtocolException} on bad input. */
    static String parseSdp(byte[] input) throws RtspProtocolException {
        Sdp sdp = Sdp.parse(new String(input, StandardCharsets.UTF_8));
        for (SdpMedia m : sdp.media()) {
            m.describe();
        }
        return "media " + Math.min(sdp.media().size(), 4);
    }

    /**
     * The reply target (also of {@link RtspJazzerTest}): replies, requests and interleaved frames read
     * to the end of the input; throws {@link IOException} (a protocol error or the end of the input).
     */
    static String readMessages(byte[] input) throws IOException {
        RtspMessageReader reader = new RtspMessageReader(new ByteArrayInputStream(input));
        int frames = 0;
        int replies = 0;
        for (int i = 0; i < 10_000; i++) {
            RtspMessageReader.Kind k = reader.next();
            if (k == RtspMessageReader.Kind.NONE) {
                break;
            }
            if (k == RtspMessageReader.Kind.FRAME) {
                frames++;
            } else {
                replies++;
            }
        }
        return "frames " + Math.min(frames, 4) + ", replies " + Math.min(replies, 4);
    }
}
