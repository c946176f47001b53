package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with a real encoder: FFmpeg's RTMP client publishes H.264 and AAC, and the
 * stream's hub sees both tracks with the picture size. Skipped where no ffmpeg is installed.
 */
class RtmpFfmpegPublishTest {

    private final RtmpTestHost host = new RtmpTestHost().stream("live/cam1", true, null);
    private final RtmpServer server = new RtmpServer(host);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void ffmpegPublishesH264AndAacIntoTheHub() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg not installed");
        int port = RtmpTestHost.freePort();
        server.listen(port);
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "2", "-c:a", "aac",
                "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/cam1")
                .redirectErrorStream(true).start();
        assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertEquals(0, ffmpeg.exitValue(), output);

        waitUntil(() -> host.eventTypes().contains("publish_stopped"));
        List<TsTrack> tracks = host.hubs.get("live/cam1").tracks();
        assertEquals(List.of("h264", "aac"), tracks.stream().map(TsTrack::codec).toList());
        assertEquals(320, tracks.get(0).width());
        assertEquals(240, tracks.get(0).height());
        MediaEvent stopped = host.events.stream().filter(e -> e.type().equals("publish_stopped")).findFirst().orElseThrow();
        assertEquals("rtmp", host.events.get(0).data().get("protocol"));
        assertTrue(((Number) stopped.data().get("bytes")).longValue() > 10_000, "bytes: " + stopped.data());
        assertEquals(0L, ((Number) stopped.data().get("errors")).longValue(), "errors: " + stopped.data());
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(20);
        }
    }
}
