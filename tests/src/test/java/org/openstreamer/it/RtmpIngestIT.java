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

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RTMP end to end: ffmpeg publishes H.264 and AAC as FLV to the server's RTMP port (1935 shifted
 * by the tests' port offset), the stream plays as HLS and over RTMP with both tracks; a wrong
 * password and a second publisher are refused with a recorded reason; the {@code APP/NAME} form
 * of the URL reaches a publish location; {@code listeners.rtmp} moves the port and turns it off.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(63)
class RtmpIngestIT {

    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);
    private static final String BASE = "rtmp://127.0.0.1:" + RTMP_PORT + "/";

    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        ConfigApi.cleanUp();
    }

    @Test
    void ffmpegPublishesToAStaticStreamWhichPlaysAsHls() throws Exception {
        HttpResponse<String> created = ConfigApi.putStream("it-rtmp1",
                "{\"publish_enabled\":true,\"password\":\"rtmp-secret\",\"segment_duration\":2,\"segment_count\":3}");
        assertEquals(201, created.statusCode(), created.body());
        long since = lastEventId();

        Process publisher = publish(BASE + "static/it-rtmp1?password=rtmp-secret");
        String playlist = playlistWhenReady("it-rtmp1", 2);
        Path segment = download("/it-rtmp1/" + MediaTools.segmentUris(playlist).get(0),
                Path.of("target", "rtmp-it", "first.ts"));
        JsonObject probe = MediaTools.probe(segment.toString());
        JsonObject video = MediaTools.video(probe);
        assertNotNull(video, probe.toString());
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(640, video.getInt("width"));
        assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> "aac".equals(s.getString("codec_name"))), "an AAC track: " + probe);
        JsonObject stats = ConfigApi.getStreamWithStats("it-rtmp1").getJsonObject("stats");
        assertTrue(stats.getString("publisher").startsWith("127.0.0.1:"), stats.toString());

        // played back over RTMP by another ffmpeg
        Path played = Path.of("target", "rtmp-it", "played.flv").toAbsolutePath();
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", BASE + "static/it-rtmp1",
                "-t", "3", "-c", "copy", "-f", "flv", played.toString()), 60);
        JsonObject playedProbe = MediaTools.probe(played.toString());
        assertEquals("h264", MediaTools.video(playedProbe).getString("codec_name"), playedProbe.toString());
        assertTrue(playedProbe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> "aac".equals(s.getString("codec_name"))), "AAC played: " + playedProbe);

        refused(BASE + "static/it-rtmp1?password=wrong", since, 403, "wrong password for stream it-rtmp1");
        refused(BASE + "static/it-rtmp1", since, 403, "stream it-rtmp1 asks for a password");
        refused(BASE + "static/it-rtmp1?password=rtmp-secret", since, 409, "stream it-rtmp1 already has a publisher");
        refused(BASE + "static/it-nobody", since, 404, "unknown stream it-nobody");
        assertTrue(publisher.isAlive(), "the first publisher goes on");

        MediaTools.stop(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> ConfigApi.count(
                "SELECT count(*) FROM events WHERE type = 'publish_stopped' AND stream = 'it-rtmp1' AND id > ?", since) == 1),
                "publish_stopped recorded");
        assertEquals(1, ConfigApi.count("SELECT count(*) FROM events WHERE type = 'publish_started' AND stream = 'it-rtmp1'"
                + " AND id > ? AND data->>'protocol' = 'rtmp' AND (data->>'port')::int = ?", since, RTMP_PORT));
        assertEquals(1, ConfigApi.count("SELECT count(*) FROM events WHERE type = 'publish_stopped' AND stream = 'it-rtmp1'"
                + " AND id > ? AND (data->>'bytes')::bigint > 100000", since));
    }

    @Test
    void theAppAndNameReachAPublishLocationWhichEndsItsPublisherWhenDeleted() throws Exception {
        HttpResponse<String> location = ConfigApi.admin("PUT", PrefixApiIT.LIVE + "it-rtmpchats",
                "{\"segment_duration\":2,\"segment_count\":3}");
        assertEquals(201, location.statusCode(), location.body());
        Process publisher = publish(BASE + "it-rtmpchats/room1");
        String playlist = playlistWhenReady("it-rtmpchats/room1", 1);
        assertTrue(playlist.contains("#EXT-X-TARGETDURATION:2"), playlist);

        assertEquals(204, ConfigApi.admin("DELETE", PrefixApiIT.LIVE + "it-rtmpchats", null).statusCode());
        assertTrue(publisher.waitFor(20, TimeUnit.SECONDS), "the publisher was disconnected with its location");
    }

    @Test
    void listenersRtmpMovesThePortAndZeroTurnsRtmpOff() throws Exception {
        int moved = 1945 + Integer.getInteger("it.port.offset", 100);
        assertEquals(201, ConfigApi.putStream("it-rtmp2", "{\"publish_enabled\":true,\"segment_duration\":2}").statusCode());
        HttpResponse<String> r = ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"listeners\":{\"rtmp\":[{\"port\":1945}]}}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> !accepts(RTMP_PORT) && accepts(moved)),
                "RTMP moved from " + RTMP_PORT + " to " + moved);
        publish("rtmp://127.0.0.1:" + moved + "/static/it-rtmp2");
        playlistWhenReady("it-rtmp2", 1);

        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"listeners\":{\"rtmp\":[{\"port\":0}]}}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> !accepts(moved) && !accepts(RTMP_PORT)), "RTMP off");
        assertTrue(processes.get(0).isAlive(), "a publisher already connected goes on");
        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> accepts(RTMP_PORT)), "back on the default port");
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Process publish(String url) throws Exception {
        Path log = Files.createTempFile("rtmp-publish-", ".log");
        Process p = MediaTools.publishFlv(url, log);
        processes.add(p);
        return p;
    }

    /** ffmpeg is turned away within 15 s and the server recorded the refusal with its status and reason. */
    private void refused(String url, long since, int code, String reason) throws Exception {
        Path log = Files.createTempFile("rtmp-refused-", ".log");
        Process p = MediaTools.publishFlv(url, log);
        processes.add(p);
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), url + ": still publishing after 15 s");
        assertNotEquals(0, p.exitValue(), url + ": " + Files.readString(log, StandardCharsets.UTF_8));
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> ConfigApi.count(
                "SELECT count(*) FROM events WHERE type = 'connection_rejected' AND id > ? AND data->>'protocol' = 'rtmp'"
                        + " AND (data->>'code')::int = ? AND data->>'reason' = ?", since, code, reason) == 1),
                url + ": no connection_rejected " + code + " '" + reason + "'");
    }

    private static long lastEventId() throws Exception {
        return ConfigApi.count("SELECT coalesce(max(id), 0) FROM events");
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

    private static Path download(String path, Path to) throws Exception {
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return MediaTools.write(to, r.body());
    }
}
