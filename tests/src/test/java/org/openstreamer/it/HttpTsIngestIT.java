package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MPEG-TS in over HTTP and UDP, end to end: ffmpeg publishes with PUT and POST to
 * {@code /NAME/mpegts}; a stream pulls another one of this server with {@code tshttp://}; a stream
 * listens on {@code udp://} fed by ffmpeg. Refusals (password, unknown stream, second publisher)
 * and a body of garbage end only their own request; a restart ends a publisher that went quiet.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpTsIngestIT {

    private static final String API = "/streamer/api/v3/streams/";
    private final List<Process> processes = new ArrayList<>();
    private final List<String> streams = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        for (String s : streams) {
            Http.send("DELETE", API + s, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        }
    }

    private void createStream(String name, String json) throws Exception {
        HttpResponse<String> r = Http.send("PUT", API + name, Http.ADMIN, Http.ADMIN_PASSWORD, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
        streams.add(name);
    }

    private Process publish(String... output) throws Exception {
        Process p = MediaTools.publishTs(output);
        processes.add(p);
        return p;
    }

    private static String playlistWhenReady(String stream, int segments) throws Exception {
        String[] text = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(45), () -> {
            HttpResponse<String> r = Http.get("/" + stream + "/index.m3u8");
            text[0] = r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= segments;
        }), () -> "no playlist with " + segments + " segments for " + stream + ": " + text[0]);
        return text[0];
    }

    /** The first segment of the stream's playlist decodes as the fixture's 640x360 H.264. */
    private static void playsAsHls(String stream) throws Exception {
        String playlist = playlistWhenReady(stream, 2);
        String uri = MediaTools.segmentUris(playlist).get(0);
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri("/" + stream + "/" + uri)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        Path file = MediaTools.write(Path.of("target", "httpts-it", stream + "-" + uri.replace('/', '_')), r.body());
        JsonObject video = MediaTools.video(MediaTools.probe(file.toString()));
        assertNotNull(video, stream);
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(640, video.getInt("width"));
    }

    private static HttpResponse<String> put(String path, byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).version(HttpClient.Version.HTTP_1_1) // as encoders send
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long events(String type, String stream, String condition) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND stream = ?" + condition, type, stream);
    }

    @Test
    void publishedWithPutAndPulledByTshttpAndRefusalsStayTheirOwn() throws Exception {
        createStream("it-httpts", "{\"publish_enabled\":true,\"password\":\"pub-secret-1\"}");
        // the puller starts first: it fails (404, not live yet) and keeps retrying
        createStream("it-httpts-pull", "{\"inputs\":[{\"url\":\"tshttp://127.0.0.1:8180/it-httpts/mpegts\","
                + "\"source_timeout\":10}]}");
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> events("source_lost", "it-httpts-pull", " AND data->>'reason' LIKE 'HTTP 404%'") > 0),
                "a failed pull is an event with the reason");
        JsonObject stats = ConfigApi.getStreamWithStats("it-httpts-pull").getJsonObject("stats");
        assertEquals("tshttp://127.0.0.1:8180/it-httpts/mpegts", stats.getString("url"), stats.toString());
        assertTrue(stats.getString("error", "").contains("HTTP 404"), stats.toString());

        byte[] small = new byte[188 * 10];
        HttpResponse<String> r = put("/it-httpts/mpegts", small);
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("asks for a password"), r.body());
        r = put("/it-httpts/mpegts?password=wrong-one", small);
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("wrong_password"), r.body());
        r = put("/it-no-such-stream/mpegts", small);
        assertEquals(404, r.statusCode(), r.body());

        publish("-method", "PUT", "http://127.0.0.1:8180/it-httpts/mpegts?password=pub-secret-1");
        playsAsHls("it-httpts");
        assertTrue(events("publish_started", "it-httpts", " AND data->>'protocol' = 'http'") > 0);

        r = put("/it-httpts/mpegts?password=pub-secret-1", small);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("already_publishing"), r.body());

        playsAsHls("it-httpts-pull"); // reconnected by itself once the other stream was live
        assertTrue(events("publish_started", "it-httpts-pull", " AND data->>'protocol' = 'tshttp'") > 0);
        assertTrue(Deployments.eventually(Duration.ofSeconds(5), () -> !ConfigApi.getStreamWithStats("it-httpts-pull")
                .getJsonObject("stats").containsKey("error")), "the error goes once the source delivers");
    }

    @Test
    void garbageBodyEndsItsOwnPublisherOnly() throws Exception {
        createStream("it-httpts-good", "{\"publish_enabled\":true}");
        createStream("it-httpts-junk", "{\"publish_enabled\":true}");
        publish("http://127.0.0.1:8180/it-httpts-good/mpegts"); // ffmpeg's default: a chunked POST
        String before = playlistWhenReady("it-httpts-good", 2);

        Random random = new Random(7);
        long[] sent = {0};
        InputStream garbage = new InputStream() {
            @Override
            public int read() {
                return sent[0]++ < (256L << 20) ? random.nextInt(256) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent[0] >= 256L << 20) {
                    return -1;
                }
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                sent[0] += len;
                return len;
            }
        };
        try {
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(Http.uri("/it-httpts-junk/mpegts"))
                    .version(HttpClient.Version.HTTP_1_1).PUT(HttpRequest.BodyPublishers.ofInputStream(() -> garbage)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("not_mpegts"), r.body());
        } catch (IOException closedWhileSending) {
            // the server may close the connection before the client reads the answer: the event says what happened
        }
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> events("publish_stopped", "it-httpts-junk",
                " AND data->>'reason' LIKE 'not MPEG-TS%'") == 1), "the garbage publisher is ended with a clear reason");
        assertTrue(sent[0] < 64L << 20, "the server stopped taking garbage after " + sent[0] + " bytes");

        long first = sequence(before);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> sequence(Http.get("/it-httpts-good/index.m3u8").body()) > first + 1),
                "the good stream kept going");
        assertEquals(0, events("publish_stopped", "it-httpts-good", ""), "the good publisher never noticed");
    }

    @Test
    void udpInputPlaysAndItsPortIsFreedWhenTheStreamGoes() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        createStream("it-udp-in", "{\"inputs\":[{\"url\":\"udp://127.0.0.1:" + port + "\"}]}");
        publish("udp://127.0.0.1:" + port + "?pkt_size=1316");
        playsAsHls("it-udp-in");
        assertTrue(events("publish_started", "it-udp-in", " AND data->>'protocol' = 'udp'") > 0);

        assertEquals(204, Http.send("DELETE", API + "it-udp-in", Http.ADMIN, Http.ADMIN_PASSWORD, null).statusCode());
        streams.remove("it-udp-in");
        assertTrue(Deployments.eventually(Duration.ofSeconds(5), () -> {
            try (DatagramSocket again = new DatagramSocket(null)) {
                again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            } catch (SocketException stillBound) {
                return false;
            }
        }), "the puller let go of its port");
    }

    @Test
    void aRestartEndsAPublisherThatWentQuiet() throws Exception {
        createStream("it-httpts-quiet", "{\"publish_enabled\":true}");
        byte[] ts = Files.readAllBytes(MediaTools.fixture());
        CountDownLatch hold = new CountDownLatch(1);
        InputStream quiet = new InputStream() { // 1 MB of the fixture, then nothing, the connection open
            int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= 1_000_000) {
                    try {
                        hold.await(); // released when the test is done
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("done");
                }
                int n = Math.min(len, 1_000_000 - pos);
                System.arraycopy(ts, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        CompletableFuture.runAsync(() -> {
            try {
                Http.send(HttpRequest.newBuilder(Http.uri("/it-httpts-quiet/mpegts")).version(HttpClient.Version.HTTP_1_1)
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> quiet)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception expected) {
                // the server closes the connection
            }
        });
        try {
            assertTrue(Deployments.eventually(Duration.ofSeconds(10),
                    () -> events("publish_started", "it-httpts-quiet", "") == 1), "publishing");
            Thread.sleep(1000); // all it sends is in; it is quiet now
            assertEquals(200, Http.send("POST", API + "it-httpts-quiet/restart", Http.ADMIN, Http.ADMIN_PASSWORD, null).statusCode());
            assertTrue(Deployments.eventually(Duration.ofSeconds(5), () -> events("publish_stopped", "it-httpts-quiet",
                    " AND data->>'reason' = 'stream restarted'") == 1), "the quiet publisher is ended by the restart");
        } finally {
            hold.countDown();
        }
    }

    private static long sequence(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:"))
                .mapToLong(l -> Long.parseLong(l.substring(22))).findFirst().orElse(-1)
                + MediaTools.segmentUris(playlist).size();
    }
}
