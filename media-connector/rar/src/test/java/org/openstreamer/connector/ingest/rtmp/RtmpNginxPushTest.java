package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with a second RTMP client: nginx's RTMP module (its own handshake, chunking and
 * command sequence) re-publishes what FFmpeg sends it to this server. Skipped where nginx, its
 * RTMP module or ffmpeg is missing.
 */
class RtmpNginxPushTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final RtmpTestHost host = new RtmpTestHost().stream("cam1", true, "pushed-secret");
    private final RtmpServer server = new RtmpServer(host);
    private Process nginx;
    private Path dir;

    @AfterEach
    void stop() throws Exception {
        server.stop();
        if (nginx != null) {
            nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void nginxPushesToAStaticStreamWithItsPassword() throws Exception {
        assumeTrue(Files.isExecutable(NGINX) && Files.exists(MODULE) && Files.isExecutable(Path.of("/usr/bin/ffmpeg")),
                "nginx with its RTMP module, or ffmpeg, not installed");
        int port = RtmpTestHost.freePort();
        int nginxPort = RtmpTestHost.freePort();
        server.listen(port);
        dir = Files.createTempDirectory("nginx-rtmp-");
        Files.writeString(dir.resolve("nginx.conf"), """
                load_module %s;
                daemon off;
                master_process off;
                pid %s/nginx.pid;
                error_log %s/error.log info;
                events { worker_connections 64; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    application live {
                      live on;
                      push rtmp://127.0.0.1:%d/static/cam1?password=pushed-secret;
                    }
                  }
                }
                """.formatted(MODULE, dir, dir, nginxPort, port));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-e", dir + "/error.log",
                "-c", dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        RtmpFfmpegPublishTest.waitUntil(() -> accepts(nginxPort));

        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=44100",
                "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac",
                "-f", "flv", "rtmp://127.0.0.1:" + nginxPort + "/live/source").redirectErrorStream(true).start();
        assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
        assertEquals(0, ffmpeg.exitValue(), new String(ffmpeg.getInputStream().readAllBytes()));
        RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("publish_stopped"));
        List<TsTrack> tracks = host.hubs.get("cam1").tracks();
        assertEquals(List.of("h264", "aac"), tracks.stream().map(TsTrack::codec).toList(),
                Files.readString(dir.resolve("error.log")));
        assertEquals("rtmp", host.events.get(0).data().get("protocol"));
        assertEquals(0L, ((Number) host.events.get(1).data().get("errors")).longValue(), host.events.get(1).data().toString());
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
