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
 * Interoperability with a real encoder and player: FFmpeg's RTMP client publishes H.264 and AAC,
 * and the stream's hub sees both tracks with the picture size; another FFmpeg plays the stream
 * back over RTMP. Skipped where no ffmpeg is installed.
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

    /** Copying ADTS audio from MPEG-TS, FFmpeg announces AAC with an empty sequence header first. */
    @Test
    void ffmpegCopyingMpegTsPublishesBothTracks() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg not installed");
        Path ts = Files.createTempFile("rtmp-source-", ".ts");
        try {
            Process make = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000",
                    "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-f", "mpegts", ts.toString())
                    .redirectErrorStream(true).start();
            assertTrue(make.waitFor(30, TimeUnit.SECONDS));
            int port = RtmpTestHost.freePort();
            server.listen(port);
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", ts.toString(),
                    "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/cam1").redirectErrorStream(true).start();
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, ffmpeg.exitValue(), new String(ffmpeg.getInputStream().readAllBytes()));
            waitUntil(() -> host.eventTypes().contains("publish_stopped"));
            assertEquals(List.of("h264", "aac"), host.hubs.get("live/cam1").tracks().stream().map(TsTrack::codec).toList());
        } finally {
            Files.delete(ts);
        }
    }

    @Test
    void ffmpegPlaysWhatAnotherFfmpegPublishes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg not installed");
        int port = RtmpTestHost.freePort();
        server.listen(port);
        String url = "rtmp://127.0.0.1:" + port + "/static/live/cam1";
        Process publisher = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitUntil(() -> host.hubs.containsKey("live/cam1") && host.hubs.get("live/cam1").isLive());
            Path out = Files.createTempFile("rtmp-play-", ".flv");
            Process player = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", url,
                    "-t", "2", "-c", "copy", "-f", "flv", out.toString()).redirectErrorStream(true).start();
            assertTrue(player.waitFor(30, TimeUnit.SECONDS), "the player finished");
            String said = new String(player.getInputStream().readAllBytes());
            assertEquals(0, player.exitValue(), said);
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width",
                    "-of", "csv=p=0", out.toString()).redirectErrorStream(true).start();
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            String streams = new String(probe.getInputStream().readAllBytes());
            assertTrue(streams.contains("h264,320"), streams);
            assertTrue(streams.contains("aac"), streams);
            Files.delete(out);
            waitUntil(() -> host.eventTypes().contains("play_stopped"));
            assertTrue(host.eventTypes().contains("play_started"), host.eventTypes().toString());
        } finally {
            publisher.destroyForcibly();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(20);
        }
    }
}
