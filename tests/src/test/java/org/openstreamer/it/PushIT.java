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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        try (DatagramSocket udp = new DatagramSocket(20302, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(15_000);
            assertEquals(201, Http.send("PUT", STREAMS + "push-copy", Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"publish_enabled\":true,\"segment_duration\":2}").statusCode());
            HttpResponse<String> created = Http.send("PUT", STREAMS + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20300},\"pushes\":["
                            + "{\"url\":\"srt://127.0.0.1:20301?streamid=from-openstreamer\"},"
                            + "{\"url\":\"udp://127.0.0.1:20302\"},"
                            + "{\"url\":\"srt://127.0.0.1:20303\",\"retry_timeout\":1},"
                            + "{\"url\":\"m4s://127.0.0.1/%s\"},"
                            + "{\"url\":\"hls://127.0.0.1:20304/ingest/%s/\"},"
                            + "{\"url\":\"rtmp://127.0.0.1:" + RTMP_PORT + "/static/push-copy\"}]}");
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

            // The late destination fails, is retried every second, and is taken when it comes up.
            JsonObject late = pushes().get(2);
            assertEquals("retrying", late.getString("status"), late.toString());
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
            assertEquals(3, started.size(), "one for each MPEG-TS destination reached: " + started);
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

        // The HLS upload: a playlist that lists uploaded segments, and plays.
        Path playlist = hls.resolve("ingest").resolve(STREAM).resolve("index.m3u8");
        try {
            assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> Files.exists(playlist)
                    && MediaTools.segmentUris(Files.readString(playlist)).size() >= 2), "HLS uploaded to " + hls);
            assertStream(playlist);
        } finally {
            cdn.stop(0);
        }

        // The SRT listener got the stream as it was published.
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Files.size(srtFile) > 1_000_000),
                () -> "srt-live-transmit wrote " + srtFile.toFile().length() + " bytes");
        assertStream(srtFile);
    }

    private static void assertStream(Path file) throws Exception {
        JsonObject probe = MediaTools.probe(file.toString());
        JsonObject video = MediaTools.video(probe);
        assertNotNull(video, probe.toString());
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(640, video.getInt("width"));
        assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> "aac".equals(s.getString("codec_name"))), "audio too: " + probe);
    }
}
