package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes of a published stream to real receivers on 127.0.0.1: srt-live-transmit as an SRT
 * listener (read back by ffprobe), a UDP socket, an HTTP server taking an HLS upload, a destination
 * that comes up late, and a scheme this version cannot send to.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(63)
class PushIT {

    private static final String STREAM = "push-cam";
    private static final String STREAMS = "/streamer/api/v3/streams/";
    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);
    /**
     * Multicast on the loopback interface only (iface), delivered to this host (multicast_loop), at
     * a constant 3000 kbit/s, video only (the first video track).
     */
    private static final String CBR_PUSH = "udp://239.1.2.3:20305?iface=127.0.0.1&multicast_loop&cbr=3000&pcr=20&tracks=v1";
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        Http.send("DELETE", STREAMS + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        Http.send("DELETE", STREAMS + "push-copy", Http.ADMIN, Http.ADMIN_PASSWORD, null);
        Http.send("DELETE", STREAMS + "push-http-copy", Http.ADMIN, Http.ADMIN_PASSWORD, null);
    }

    /** srt-live-transmit listening on {@code port}, writing what it receives to {@code file}. */
    private Process srtReceiver(int port, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("srt-live-transmit", "-q", "srt://127.0.0.1:" + port + "?mode=listener", "file://con")
                .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    /** An HTTP server on {@code port} storing each PUT body under {@code folder}, as a CDN's HLS ingest would. */
    private static HttpServer putReceiver(int port, Path folder) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean ok = "PUT".equals(exchange.getRequestMethod()) && file.startsWith(folder);
            if (ok) {
                Files.createDirectories(file.getParent());
                Files.write(file, body);
            }
            exchange.sendResponseHeaders(ok ? 201 : 400, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static List<JsonObject> pushes() throws Exception {
        return Http.object(Http.admin(STREAMS + STREAM)).getJsonObject("stats").getJsonArray("pushes")
                .getValuesAs(JsonObject.class);
    }

    @Test
    void aPublishedStreamGoesToEveryDestinationAndALateOneIsRetriedUntilItComesUp() throws Exception {
        Path srtFile = Path.of("target", "push-it", "srt.ts").toAbsolutePath();
        Files.deleteIfExists(srtFile);
        srtReceiver(20301, srtFile);
        Path hls = Path.of("target", "push-it", "hls").toAbsolutePath();
        TestFiles.deleteTree(hls);
        HttpServer cdn = putReceiver(20304, hls);
        nginxRtmp(20306);
        try (DatagramSocket udp = new DatagramSocket(20302, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(15_000);
            assertEquals(201, Http.send("PUT", STREAMS + "push-copy", Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"publish_enabled\":true,\"segment_duration\":2}").statusCode());
            assertEquals(201, Http.send("PUT", STREAMS + "push-http-copy", Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"publish_enabled\":true,\"segment_duration\":2}").statusCode());
            HttpResponse<String> created = Http.send("PUT", STREAMS + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20300},\"pushes\":["
                            + "{\"url\":\"srt://127.0.0.1:20301?streamid=from-openstreamer\"},"
                            + "{\"url\":\"udp://127.0.0.1:20302\"},"
                            + "{\"url\":\"srt://127.0.0.1:20303\",\"retry_timeout\":1},"
                            + "{\"url\":\"m4s://127.0.0.1/%s\"},"
                            + "{\"url\":\"hls://127.0.0.1:20304/ingest/%s/\"},"
                            + "{\"url\":\"rtmp://127.0.0.1:" + RTMP_PORT + "/static/push-copy\"},"
                            + "{\"url\":\"" + CBR_PUSH + "\"},"
                            + "{\"url\":\"rtmp://127.0.0.1:20306/live/from-openstreamer\"},"
                            + "{\"url\":\"tshttp://127.0.0.1:" + Http.uri("/").getPort() + "/push-http-copy/mpegts\"}]}");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 200, created.body());
            assertEquals("waiting", pushes().get(0).getString("status"), "no frames yet, nothing to send");
            processes.add(MediaTools.publish("srt://127.0.0.1:20300"));

            // UDP: datagrams of whole TS packets, which ffprobe reads as the stream.
            Path udpFile = Path.of("target", "push-it", "udp.ts").toAbsolutePath();
            byte[] buf = new byte[2048];
            try (OutputStream out = Files.newOutputStream(udpFile)) {
                for (int total = 0; total < 1_500_000; ) {
                    DatagramPacket d = new DatagramPacket(buf, buf.length);
                    udp.receive(d);
                    assertEquals(0, d.getLength() % 188, "whole TS packets");
                    assertEquals(0x47, buf[0] & 0xFF);
                    out.write(buf, 0, d.getLength());
                    total += d.getLength();
                }
            }
            assertStream(udpFile);
            assertConstantRate();

            // The late destination fails, is retried every second, and is taken when it comes up.
            JsonObject late = pushes().get(2);
            // Between attempts it waits (retrying), then tries again (connecting): either, with the last failure.
            assertTrue(List.of("retrying", "connecting").contains(late.getString("status")), late.toString());
            assertTrue(late.getInt("failures") >= 1, late.toString());
            assertNotNull(late.getString("error"), late.toString());
            srtReceiver(20303, Path.of("target", "push-it", "late.ts").toAbsolutePath());
            JsonObject[] last = {null};
            assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> {
                last[0] = pushes().get(2);
                return "running".equals(last[0].getString("status"));
            }), () -> "late push: " + last[0]);

            JsonObject stats = Http.object(Http.admin(STREAMS + STREAM)).getJsonObject("stats");
            List<JsonObject> pushes = stats.getJsonArray("pushes").getValuesAs(JsonObject.class);
            assertEquals("running", pushes.get(0).getString("status"), pushes.toString());
            assertTrue(pushes.get(0).getJsonNumber("bytes").longValue() > 0, pushes.toString());
            assertEquals("running", pushes.get(1).getString("status"), pushes.toString());
            assertEquals("error", pushes.get(3).getString("status"), pushes.toString());
            assertEquals("m4s://127.0.0.1/%s", pushes.get(3).getString("url"), "as configured");
            assertTrue(pushes.get(3).getString("error").startsWith("push scheme m4s is not supported yet"), pushes.toString());
            assertTrue(stats.getJsonObject("push_stats").getJsonNumber("udp://127.0.0.1:20302").longValue() >= 1_500_000,
                    stats.toString());

            List<JsonObject> started = Http.array(Http.admin("/streamer/api/v3/events?limit=20&type=push_started"))
                    .getValuesAs(JsonObject.class).stream().filter(e -> STREAM.equals(e.getString("stream"))
                            && e.getJsonObject("data").getString("url").matches("(srt|udp)://.*")).toList();
            assertEquals(4, started.size(), "one for each MPEG-TS destination reached: " + started);
            assertTrue(started.stream().anyMatch(e -> e.getJsonObject("data").getString("url").equals("udp://127.0.0.1:20302")),
                    started.toString());
        }

        // The RTMP push into this server's own RTMP listener: a stream of its own, which plays.
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = Http.get("/push-copy/index.m3u8");
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 2;
        }), "the RTMP push reached push-copy");
        String copy = Http.get("/push-copy/index.m3u8").body();
        Path copied = Path.of("target", "push-it", "rtmp-copy.ts").toAbsolutePath();
        Files.write(copied, Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/push-copy/"
                + MediaTools.segmentUris(copy).get(0))).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        assertStream(copied);
        assertEquals("running", pushes().get(5).getString("status"), pushes().toString());

        // The HTTP MPEG-TS push into this server's own /NAME/mpegts publishing: a stream of its own, which plays.
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = Http.get("/push-http-copy/index.m3u8");
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 2;
        }), "the tshttp push reached push-http-copy");
        assertEquals("running", pushes().get(8).getString("status"), pushes().toString());
        assertProbe(Http.uri("/push-http-copy/index.m3u8").toString());

        // The HLS upload: a playlist that lists uploaded segments, and plays.
        Path playlist = hls.resolve("ingest").resolve(STREAM).resolve("index.m3u8");
        try {
            assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> Files.exists(playlist)
                    && MediaTools.segmentUris(Files.readString(playlist)).size() >= 2), "HLS uploaded to " + hls);
            assertStream(playlist);
        } finally {
            cdn.stop(0);
        }

        // nginx's RTMP module took the RTMP push and plays it to ffprobe.
        assertEquals("running", pushes().get(7).getString("status"), pushes().toString());
        assertProbe("rtmp://127.0.0.1:20306/live/from-openstreamer");

        // The SRT listener got the stream as it was published.
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Files.size(srtFile) > 1_000_000),
                () -> "srt-live-transmit wrote " + srtFile.toFile().length() + " bytes");
        assertStream(srtFile);
    }

    /**
     * The multicast push with {@code cbr=3000} and {@code tracks=v1}, received on the loopback
     * interface: datagrams at a steady 3000 kbit/s whatever the stream's own rate (about 1.6
     * Mbit/s), padded with null packets, and the stream's video without its audio for ffprobe.
     */
    private static void assertConstantRate() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("239.1.2.3"), 0);
        Path cbrFile = Path.of("target", "push-it", "cbr.ts").toAbsolutePath();
        try (MulticastSocket socket = new MulticastSocket(20305); OutputStream out = Files.newOutputStream(cbrFile)) {
            socket.joinGroup(group, lo);
            socket.setSoTimeout(10_000);
            byte[] buf = new byte[2048];
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            socket.receive(d); // the clock starts at the first datagram
            long[] perSecond = new long[3];
            long nulls = 0;
            long start = System.nanoTime();
            for (long elapsed = 0; elapsed < 3_000_000_000L; elapsed = System.nanoTime() - start) {
                d.setLength(buf.length);
                socket.receive(d);
                assertEquals(7 * 188, d.getLength(), "seven packets in every datagram");
                perSecond[(int) Math.min(2, elapsed / 1_000_000_000L)]++;
                for (int p = 0; p < d.getLength(); p += 188) {
                    if ((buf[p + 1] & 0x1F) == 0x1F && (buf[p + 2] & 0xFF) == 0xFF) {
                        nulls++;
                    }
                }
                out.write(buf, 0, d.getLength());
            }
            socket.leaveGroup(group, lo);
            long expected = 3_000_000 / (7 * 188 * 8); // 285 datagrams a second
            for (long n : perSecond) {
                assertTrue(Math.abs(n - expected) <= expected / 20, "datagrams per second " + java.util.Arrays.toString(perSecond)
                        + ", expected " + expected);
            }
            assertTrue(nulls > 0, "padded with null packets");
        }
        // Joined mid-stream: the decoder's complaints before the first keyframe are expected, not printed.
        String json = MediaTools.run(List.of("ffprobe", "-v", "quiet", "-print_format", "json", "-show_streams",
                cbrFile.toString()), 60);
        assertTrue(json.contains("\"codec_name\": \"h264\""), json);
        assertFalse(json.contains("\"codec_type\": \"audio\""), "tracks=v1 leaves the audio out: " + json);
    }

    /** nginx with Debian's RTMP module, live application {@code live}, on {@code port}, until the test ends. */
    private void nginxRtmp(int port) throws Exception {
        Path dir = Path.of("target", "push-it", "nginx").toAbsolutePath();
        Files.createDirectories(dir);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;",
                "daemon off;", "master_process off;", "worker_processes 1;",
                "error_log " + dir.resolve("error.log") + ";", "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 64; }",
                "rtmp { server { listen 127.0.0.1:" + port + "; application live { live on; } } }", ""));
        processes.add(new ProcessBuilder("nginx", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start());
    }

    private static void assertStream(Path file) throws Exception {
        assertProbe(file.toString());
    }

    private static void assertProbe(String input) throws Exception {
        JsonObject probe = MediaTools.probe(input);
        JsonObject video = MediaTools.video(probe);
        assertNotNull(video, probe.toString());
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(640, video.getInt("width"));
        assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> "aac".equals(s.getString("codec_name"))), "audio too: " + probe);
    }
}
