package org.openstreamer.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SRT in, HLS / MPEG-TS / SRT out, end to end: Debian's ffmpeg publishes over SRT with a
 * per-stream passphrase; ffprobe checks what the server gives back; bad peers are refused while a
 * good stream keeps flowing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(60)
class SrtLiveIT {

    private static final String HOST = "127.0.0.1";
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
            Http.send("DELETE", "/streamer/api/v3/streams/" + s, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        }
        Http.send("PUT", "/streamer/api/v3/config", Http.ADMIN, Http.ADMIN_PASSWORD, "{}");
    }

    private void createStream(String name, String json) throws Exception {
        HttpResponse<String> r = Http.send("PUT", "/streamer/api/v3/streams/" + name, Http.ADMIN, Http.ADMIN_PASSWORD, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
        streams.add(name);
    }

    private Process publish(String url) throws Exception {
        Process p = MediaTools.publish(url);
        processes.add(p);
        return p;
    }

    private static String playlistWhenReady(String stream, int segments) throws Exception {
        String[] text = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            HttpResponse<String> r = Http.get("/" + stream + "/index.m3u8");
            text[0] = r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= segments;
        }), () -> "no playlist with " + segments + " segments for " + stream + ": " + text[0]);
        return text[0];
    }

    /** Sequence number of the newest segment a playlist lists. */
    private static long newestSequence(String playlist) {
        long first = playlist.lines().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:"))
                .mapToLong(l -> Long.parseLong(l.substring(22))).findFirst().orElse(-1);
        return first + MediaTools.segmentUris(playlist).size() - 1;
    }

    private static Path download(String path, Path to) throws Exception {
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return MediaTools.write(to, r.body());
    }

    private void rejected(String url, int port, int code, String reason, String what) throws Exception {
        SrtRefusal.assertRejected(url, port, code, reason, what, processes);
    }

    @Test
    void publishedStreamPlaysAsHlsMpegtsAndSrt() throws Exception {
        createStream("srt-cam1", "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":20101,\"passphrase\":\"cam1-secret-pass\"},"
                + "\"srt_play\":{\"port\":20102},\"segment_duration\":4}");
        publish("srt://" + HOST + ":20101?passphrase=cam1-secret-pass");

        String playlist = playlistWhenReady("srt-cam1", 2);
        assertTrue(playlist.contains("#EXT-X-TARGETDURATION:4"), playlist);
        assertTrue(playlist.contains("#EXT-X-PROGRAM-DATE-TIME:"), playlist);
        List<String> uris = MediaTools.segmentUris(playlist);
        for (String uri : uris.subList(0, 2)) {
            Path file = download("/srt-cam1/" + uri, Path.of("target", "srt-it", uri.replace('/', '_')));
            JsonObject probe = MediaTools.probe(file.toString());
            JsonObject video = MediaTools.video(probe);
            assertNotNull(video, probe.toString());
            assertEquals("h264", video.getString("codec_name"));
            assertEquals(640, video.getInt("width"));
            assertEquals(360, video.getInt("height"));
            double duration = Double.parseDouble(probe.getJsonObject("format").getString("duration"));
            assertEquals(4.0, duration, 0.4, "segment duration within 10 % of segment_duration");
            assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                    .anyMatch(s -> "aac".equals(s.getString("codec_name"))), "audio kept");
        }

        httpCachingAndRanges("srt-cam1", uris.get(0));

        JsonObject info = Http.object(Http.get("/srt-cam1/media_info.json"));
        assertEquals(640, info.getInt("width"));
        assertEquals(360, info.getInt("height"));
        JsonObject v = info.getJsonArray("streams").getJsonObject(0);
        assertEquals("video", v.getString("content"));
        assertEquals("h264", v.getString("codec"));
        assertEquals(25.0, v.getJsonNumber("fps").doubleValue(), 0.5);
        assertTrue(v.getJsonNumber("bitrate").longValue() > 500_000, info.toString());

        // MPEG-TS over HTTP: starts at a keyframe, so the first seconds decode on their own.
        Path ts = Path.of("target", "srt-it", "http-mpegts.ts");
        try (InputStream in = Http.openStream("/srt-cam1/mpegts");
             OutputStream out = Files.newOutputStream(ts)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (total < 1_000_000) {
                int n = in.read(buf);
                assertTrue(n > 0, "the HTTP MPEG-TS stream ended early");
                out.write(buf, 0, n);
                total += n;
            }
        }
        JsonObject httpProbe = MediaTools.probe(ts.toString());
        assertEquals(640, MediaTools.video(httpProbe).getInt("width"));

        // SRT playback from the stream's srt_play port.
        Path srtOut = Path.of("target", "srt-it", "srt-play.ts");
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i",
                "srt://" + HOST + ":20102", "-t", "3", "-c", "copy", "-f", "mpegts", srtOut.toString()), 30);
        assertEquals("h264", MediaTools.video(MediaTools.probe(srtOut.toString())).getString("codec_name"));
    }

    /**
     * What players and CDNs rely on: playlists cacheable for half a segment with a validator,
     * segments cacheable for long, HEAD, one byte range, 304 and 416.
     */
    private static void httpCachingAndRanges(String stream, String segmentUri) throws Exception {
        HttpResponse<String> playlist = Http.get("/" + stream + "/index.m3u8");
        assertEquals("public, max-age=2", playlist.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("*", playlist.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String etag = playlist.headers().firstValue("ETag").orElseThrow();
        assertTrue(playlist.headers().firstValue("Last-Modified").orElse("")
                .matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"), playlist.headers().toString());
        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(Http.uri("/" + stream + "/index.m3u8"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(again.statusCode() == 304 || !etag.equals(again.headers().firstValue("ETag").orElse(etag)),
                "unchanged playlist: 304; a new segment meanwhile: a new ETag");

        String url = "/" + stream + "/" + segmentUri;
        HttpResponse<byte[]> whole = Http.send(HttpRequest.newBuilder(Http.uri(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertEquals("public, max-age=86400", whole.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("video/mp2t", whole.headers().firstValue("Content-Type").orElse(null));
        int length = whole.body().length;
        HttpResponse<byte[]> head = Http.send(HttpRequest.newBuilder(Http.uri(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(length), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, head.body().length);

        HttpResponse<byte[]> part = Http.send(HttpRequest.newBuilder(Http.uri(url)).header("Range", "bytes=188-375").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 188-375/" + length, part.headers().firstValue("Content-Range").orElse(null));
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(whole.body(), 188, 376)),
                java.util.Arrays.toString(part.body()));
        HttpResponse<byte[]> tail = Http.send(HttpRequest.newBuilder(Http.uri(url)).header("Range", "bytes=-188").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, tail.statusCode());
        assertEquals(188, tail.body().length);
        assertEquals(0x47, tail.body()[0] & 0xFF, "the last packet");
        HttpResponse<byte[]> outside = Http.send(HttpRequest.newBuilder(Http.uri(url)).header("Range", "bytes=" + length + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + length, outside.headers().firstValue("Content-Range").orElse(null));
    }

    @Test
    void badPeersAreRefusedWhileAGoodStreamKeepsFlowing() throws Exception {
        assertEquals(200, Http.send("PUT", "/streamer/api/v3/config", Http.ADMIN, Http.ADMIN_PASSWORD,
                "{\"srt\":{\"port\":20110},\"srt_publish\":{\"port\":20111}}").statusCode());
        createStream("srt-good", "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":20112,\"passphrase\":\"good-stream-pass\"}}");
        createStream("srt-other", "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"passphrase\":\"other-stream-pass\"}}");
        createStream("srt-idle", "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":20113,\"passphrase\":\"idle-stream-pass\"}}");
        publish("srt://" + HOST + ":20112?passphrase=good-stream-pass");
        long before = newestSequence(playlistWhenReady("srt-good", 1));

        // Each refused for its own reason, as recorded by the server (not merely a failed ffmpeg).
        rejected("srt://" + HOST + ":20113?passphrase=wrong-passphrase", 20113, 10, "wrong passphrase", "wrong passphrase");
        rejected("srt://" + HOST + ":20113", 20113, 11, "passphrase required", "missing passphrase");
        rejected("srt://" + HOST + ":20112?passphrase=good-stream-pass", 20112, 1409,
                "stream srt-good already has a publisher", "second publisher");
        rejected("srt://" + HOST + ":20111?streamid=nope&passphrase=other-stream-pass", 20111, 1404,
                "unknown stream nope", "unknown stream");
        rejected("srt://" + HOST + ":20111?streamid=srt-other&passphrase=good-stream-pass", 20111, 10,
                "wrong passphrase", "another stream's passphrase on the global port");
        // (A streamid over 512 characters cannot be tested with ffmpeg: libsrt refuses to send one.)
        rejected("srt://" + HOST + ":20110?streamid=#!::r=srt-other,m=bogus", 20110, 1400,
                "bad streamid: m must be publish or request", "a malformed streamid");
        rejected("srt://" + HOST + ":20110?streamid=#!::r=srt-other&passphrase=other-stream-pass", 20110, 1400,
                "m=publish or m=request on the global srt port", "the shared global port needs m=");

        // The global publish port with the stream's own passphrase works.
        publish("srt://" + HOST + ":20111?streamid=srt-other&passphrase=other-stream-pass");
        playlistWhenReady("srt-other", 1);

        Thread.sleep(4500);
        long after = newestSequence(Http.get("/srt-good/index.m3u8").body());
        assertTrue(after > before, "srt-good kept producing segments: " + before + " -> " + after);

        // Each refusal was logged with the peer, the port and its cause.
        String log = Files.readString(Path.of(System.getProperty("it.server.log")));
        for (String cause : new String[]{"on port 20113 refused (10): wrong passphrase", "(1409): stream srt-good already has a publisher",
                "(1404): unknown stream nope", "m=publish or m=request on the global srt port"}) {
            assertTrue(log.contains(cause), "no log line with: " + cause);
        }
        JsonObject rejected = Http.array(Http.admin("/streamer/api/v3/events?type=connection_rejected&limit=20"))
                .getValuesAs(JsonObject.class).stream().filter(e -> e.getJsonObject("data").getInt("port") == 20113)
                .findFirst().orElseThrow();
        assertTrue(rejected.getJsonObject("data").getString("peer").startsWith("127.0.0.1:"), rejected.toString());
        assertEquals(JsonValue.ValueType.NUMBER, rejected.getJsonObject("data").get("code").getValueType(),
                "the refusal code is a number: " + rejected);
    }

    @Test
    void corruptedInputKeepsTheStreamAliveAndCountsErrors() throws Exception {
        createStream("srt-noisy", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20120}}");
        Process relay = new ProcessBuilder("srt-live-transmit", "-q", "file://con", "srt://" + HOST + ":20120")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(relay);
        // A relay that stops reading would block the writes below for good: killed, it fails them instead.
        CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS).execute(relay::destroyForcibly);
        byte[] media = Files.readAllBytes(MediaTools.fixture());
        Random random = new Random(42);
        try (OutputStream in = relay.getOutputStream()) {
            // 16 s of media at its own pace (~1.6 Mbit/s), with random bytes spliced in about once a second.
            int chunk = 1316 * 10;
            long start = System.nanoTime();
            for (int off = 0; off < media.length * 16 / 20; off += chunk) {
                in.write(media, off, Math.min(chunk, media.length - off));
                if (random.nextInt(15) == 0) {
                    byte[] garbage = new byte[1 + random.nextInt(700)];
                    random.nextBytes(garbage);
                    in.write(garbage);
                }
                long due = start + (long) (off / (media.length / 20.0) * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            in.flush();
            String playlist = playlistWhenReady("srt-noisy", 2);
            assertFalse(MediaTools.segmentUris(playlist).isEmpty());
        }
        JsonObject engine = Http.object(Http.admin("/streamer/api/v3/engine"));
        JsonObject noisy = engine.getJsonArray("pipelines").getValuesAs(JsonObject.class).stream()
                .filter(p -> "srt-noisy".equals(p.getString("stream"))).findFirst().orElseThrow();
        assertTrue(noisy.getJsonNumber("errors").longValue() > 0, noisy.toString());
    }

    @Test
    void publisherReconnectGivesADiscontinuity() throws Exception {
        createStream("srt-again", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20130},"
                + "\"segment_duration\":2}");
        Process first = publish("srt://" + HOST + ":20130");
        playlistWhenReady("srt-again", 2);
        MediaTools.stop(first);
        Thread.sleep(1500);
        publish("srt://" + HOST + ":20130");
        assertTrue(Deployments.eventually(Duration.ofSeconds(30),
                () -> Http.get("/srt-again/index.m3u8").body().contains("#EXT-X-DISCONTINUITY")));
        String playlist = Http.get("/srt-again/index.m3u8").body();
        assertTrue(MediaTools.segmentUris(playlist).size() >= 2, playlist);

        // The first session's end carries libsrt's counters, though its connection was gone by then.
        JsonObject stopped = Http.array(Http.admin("/streamer/api/v3/events?type=publish_stopped&limit=20"))
                .getValuesAs(JsonObject.class).stream().filter(e -> "srt-again".equals(e.getString("stream", null)))
                .findFirst().orElseThrow();
        JsonObject data = stopped.getJsonObject("data");
        assertEquals(20130, data.getInt("port"), "the port the publisher came in on, a number: " + data);
        assertTrue(data.getJsonNumber("bytes").longValue() > 0, data.toString());
        JsonObject srt = data.getJsonObject("srt_stats");
        for (String counter : new String[] {"msTimeStamp", "pktRecvTotal", "byteRecvTotal", "pktRcvLossTotal",
                "pktRcvDropTotal", "mbpsRecvRate", "msRTT"}) {
            assertEquals(JsonValue.ValueType.NUMBER, srt.get(counter).getValueType(), counter + " in " + srt);
        }
        assertTrue(srt.getJsonNumber("pktRecvTotal").longValue() > 0, srt.toString());
        assertTrue(srt.getJsonNumber("byteRecvTotal").longValue() > srt.getJsonNumber("pktRecvTotal").longValue(), srt.toString());
    }

    @Test
    void aPublisherThatLeavesEndsPlaybackEverywhereThenTheStreamIsGone() throws Exception {
        createStream("srt-leaves", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20140},"
                + "\"srt_play\":{\"port\":20141},\"segment_duration\":1,\"segment_count\":2}");
        Process publisher = publish("srt://" + HOST + ":20140");
        playlistWhenReady("srt-leaves", 2);
        Path srtOut = Path.of("target", "srt-it", "srt-leaves.ts");
        Files.createDirectories(srtOut.getParent());
        Files.deleteIfExists(srtOut); // an earlier run's file would pass the size check below at once
        Process srtPlayer = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i",
                "srt://" + HOST + ":20141", "-c", "copy", "-f", "mpegts", srtOut.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "srt-it", "srt-leaves.log").toFile()).start();
        processes.add(srtPlayer);
        InputStream httpIn = Http.openStream("/srt-leaves/mpegts"); // connected now, read on a thread of its own
        CompletableFuture<Long> httpTs = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = httpIn) {
                long total = 0;
                for (int n; (n = in.read(new byte[65536])) >= 0; ) {
                    total += n;
                }
                httpTs.complete(total);
            } catch (Exception e) {
                httpTs.completeExceptionally(e);
            }
        }, "srt-leaves-mpegts");
        reader.setDaemon(true);
        reader.start();
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> srtOut.toFile().length() > 100_000), "the SRT player gets the stream");

        MediaTools.stop(publisher);
        long stopped = System.nanoTime();
        // Within the grace period (10 s) players wait for the publisher; then every output ends.
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> Http.get("/srt-leaves/index.m3u8").body().endsWith("#EXT-X-ENDLIST\n")), "HLS: EXT-X-ENDLIST");
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopped) >= 9, "not before the grace period");
        assertTrue(httpTs.get(15, TimeUnit.SECONDS) > 100_000, "HTTP MPEG-TS: the response ends after what was sent");
        assertTrue(srtPlayer.waitFor(15, TimeUnit.SECONDS), "SRT: the player is disconnected");
        assertEquals(404, Http.get("/srt-leaves/mpegts").statusCode(), "no new viewer of an ended stream");
        // Once its last segment would have left the playlist, the stream is not live: 404 as documented.
        assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> {
            HttpResponse<String> r = Http.get("/srt-leaves/index.m3u8");
            return r.statusCode() == 404 && r.body().contains("stream_not_found");
        }), "HLS: 404 stream_not_found");
    }

    /** EXTINF durations of a playlist's segments, oldest first. */
    private static List<Double> durations(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
    }

    private static long events(String type, String stream, long afterId) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND stream = ? AND id > ?", type, stream, afterId);
    }

    @Test
    void aSegmentDurationChangeAppliesLiveWithoutDroppingThePublisher() throws Exception {
        long lastEvent = ConfigApi.count("SELECT coalesce(max(id), 0) FROM events");
        createStream("srt-retime", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20150},"
                + "\"segment_duration\":2}");
        Process publisher = publish("srt://" + HOST + ":20150");
        String before = playlistWhenReady("srt-retime", 2);
        assertTrue(before.contains("#EXT-X-TARGETDURATION:2"), before);
        String peer = ConfigApi.getStreamWithStats("srt-retime").getJsonObject("stats").getString("publisher");

        HttpResponse<String> patched = Http.send("PATCH", "/streamer/api/v3/streams/srt-retime", Http.ADMIN,
                Http.ADMIN_PASSWORD, "{\"segment_duration\":6}");
        assertEquals(200, patched.statusCode(), patched.body());
        String[] now = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            now[0] = Http.get("/srt-retime/index.m3u8").body();
            List<Double> d = durations(now[0]);
            return !d.isEmpty() && d.get(d.size() - 1) > 5.0;
        }), () -> "no 6 s segment after the change: " + now[0]);
        assertTrue(now[0].contains("#EXT-X-TARGETDURATION:6"), now[0]);
        assertFalse(now[0].contains("#EXT-X-DISCONTINUITY"), "the change is no new session: " + now[0]);

        assertTrue(publisher.isAlive(), "the publisher was dropped");
        assertEquals(peer, ConfigApi.getStreamWithStats("srt-retime").getJsonObject("stats").getString("publisher"),
                "the same connection publishes");
        assertEquals(1, events("publish_started", "srt-retime", lastEvent));
        assertEquals(0, events("publish_stopped", "srt-retime", lastEvent));
        assertEquals(1, events("stream_reconfigured", "srt-retime", lastEvent) - 1, "created, then reconfigured once");

        // The server's url_prefix applies to the live playlist at once.
        assertEquals(200, Http.send("PUT", "/streamer/api/v3/config", Http.ADMIN, Http.ADMIN_PASSWORD,
                "{\"url_prefix\":\"http://cdn.example.com:8080\"}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> {
            List<String> uris = MediaTools.segmentUris(Http.get("/srt-retime/index.m3u8").body());
            return !uris.isEmpty() && uris.stream().allMatch(u -> u.startsWith("http://cdn.example.com:8080/srt-retime/2"));
        }), "url_prefix not applied");
    }

    @Test
    void twoStreamsAtOnceStaySeparate() throws Exception {
        createStream("srt-left", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20141}}");
        createStream("srt-right", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20142}}");
        Path small = Path.of("target", "fixtures", "testsrc-320x240.ts").toAbsolutePath();
        if (!Files.exists(small)) {
            Files.createDirectories(small.getParent());
            MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=25", "-t", "20", "-c:v", "libx264", "-g", "50", "-f", "mpegts",
                    small.toString()), 120);
        }
        publish("srt://" + HOST + ":20141");
        Process right = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", small.toString(), "-c", "copy", "-f", "mpegts", "srt://" + HOST + ":20142")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(right);
        playlistWhenReady("srt-left", 1);
        playlistWhenReady("srt-right", 1);
        assertEquals(640, Http.object(Http.get("/srt-left/media_info.json")).getInt("width"));
        JsonObject rightInfo = Http.object(Http.get("/srt-right/media_info.json"));
        assertEquals(320, rightInfo.getInt("width"));
        assertEquals(1, rightInfo.getJsonArray("streams").size(), "no audio in the right one");
    }

}
