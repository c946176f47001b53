package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.ingest.srt.SrtStreamId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Debian ffmpeg (its own libsrt) publishes MPEG-TS to our listener, as an encoder would. */
class SrtFfmpegPublishTest {

    private static final String PASSPHRASE = "ffmpeg-test-secret";
    private static final int TS_PACKET = 188;
    private static final int WANTED_TS_PACKETS = 300;

    private final SrtTestSupport srt = new SrtTestSupport();

    @AfterEach
    void closeSockets() {
        srt.close();
    }

    @Test
    @Timeout(30)
    void ffmpegPublishesMpegTsWithPassphraseAndStreamId() throws Exception {
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        assumeTrue(Files.isExecutable(ffmpeg), "ffmpeg is not installed (apt-get install ffmpeg)");

        BlockingQueue<SrtStreamId> seen = new LinkedBlockingQueue<>();
        int listener = srt.listener((l, s, v, host, port, sid) -> {
            SrtStreamId id = SrtStreamId.parse(sid);
            seen.add(id);
            if (!id.isValid()) {
                return SrtRejectReason.BAD_REQUEST;
            }
            if (!"live/cam1".equals(id.name())) {
                return SrtRejectReason.NOT_FOUND;
            }
            SrtNative.setPassphrase(s, PASSPHRASE);
            return 0;
        });
        String streamId = "#!::r=live/cam1,m=publish";
        String url = "srt://127.0.0.1:" + SrtNative.localPort(listener) + "?passphrase=" + PASSPHRASE
                + "&streamid=" + streamId + "&pkt_size=1316";   // ffmpeg 5.1 takes the value verbatim, no %-decoding
        Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error",
                "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "3",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25",
                "-f", "mpegts", url)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "ffmpeg-srt-publish.log").toFile())
                .start();
        try {
            SrtAccepted a = srt.accept(listener, 10_000);
            SrtStreamId id = seen.poll(1, TimeUnit.SECONDS);
            assertEquals("live/cam1", id.name());
            assertEquals(SrtStreamId.Mode.PUBLISH, id.mode());
            assertEquals(streamId, SrtNative.getStreamId(a.socket()), "the stream id as sent");

            byte[] buf = new byte[SrtNative.MAX_LIVE_MESSAGE];
            int packets = 0;
            int messages = 0;
            while (packets < WANTED_TS_PACKETS) {
                int n = SrtTestSupport.recvWithin(a.socket(), buf, 5000);
                assertEquals(0, n % TS_PACKET, "whole TS packets per message, got " + n);
                for (int off = 0; off < n; off += TS_PACKET) {
                    assertEquals(0x47, buf[off] & 0xff, "sync byte at " + off + " of message " + messages);
                }
                packets += n / TS_PACKET;
                messages++;
            }
            assertTrue(messages > 0);
            SrtStats stats = SrtNative.stats(a.socket(), false);
            assertTrue(stats.packetsReceived() >= messages, stats.toString());
            assertEquals(0, stats.packetsReceivedUndecrypted(), "decrypted with the per-stream passphrase");
        } finally {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        }
        assertTrue(seen.isEmpty(), "one handshake only");
    }
}
