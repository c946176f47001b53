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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publish location end to end: ffmpeg publishes over SRT, through the global publish port, to a
 * name nobody configured under the location's prefix; the stream appears with the location's
 * settings, plays as HLS, survives configuration pushes, and is gone once the publisher leaves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(33)
class LivePrefixPublishIT {

    private static final String HOST = "127.0.0.1";
    /** Loopback UDP ports of this test's range. */
    private static final int GLOBAL_PUBLISH_PORT = 24110;
    private static final String NAME = "it-chats/room1";

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

    private Process publish(String url) throws Exception {
        Process p = MediaTools.publish(url);
        processes.add(p);
        return p;
    }

    private static String url(String streamId, String passphrase) {
        return "srt://" + HOST + ":" + GLOBAL_PUBLISH_PORT + "?streamid=" + streamId + "&passphrase=" + passphrase;
    }

    @Test
    void aNameUnderTheLocationIsMadeOnPublishPlaysAndGoesWithItsPublisher() throws Exception {
        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"srt_publish\":{\"port\":" + GLOBAL_PUBLISH_PORT + "}}").statusCode());
        HttpResponse<String> location = ConfigApi.admin("PUT", PrefixApiIT.LIVE + "it-chats",
                "{\"srt_publish\":{\"passphrase\":\"chats-passphrase\"},\"segment_duration\":2,\"segment_count\":3}");
        assertEquals(201, location.statusCode(), location.body());
        ConfigApi.assertError(ConfigApi.admin("GET", ConfigApi.STREAMS + NAME, null), 404, "not_found", null);

        Process publisher = publish(url(NAME, "chats-passphrase"));
        String playlist = playlistWhenReady(NAME, 2);
        assertTrue(playlist.contains("#EXT-X-TARGETDURATION:2"), "the location's segment_duration: " + playlist);
        String segment = MediaTools.segmentUris(playlist).get(0);
        Path file = download("/" + NAME + "/" + segment, Path.of("target", "live-prefix-it", "first.ts"));
        JsonObject video = MediaTools.video(MediaTools.probe(file.toString()));
        assertNotNull(video);
        assertEquals("h264", video.getString("codec_name"));

        JsonObject stream = ConfigApi.getStreamWithStats(NAME);
        JsonObject stats = stream.getJsonObject("stats");
        assertEquals("publishing", stats.getString("status"), stats.toString());
        assertTrue(stats.getBoolean("alive"), stats.toString());
        assertEquals("it-chats", stats.getString("publish_location"));
        assertTrue(stats.getString("publisher").startsWith("127.0.0.1:"), stats.toString());
        assertEquals(2, stream.getInt("segment_duration"));
        assertEquals("publish://", stream.getJsonArray("inputs").getJsonObject(0).getString("url"));
        assertTrue(Http.admin("/streamer/api/v3/engine").body().contains("\"stream\":\"" + NAME + "\""));

        // A configuration push (another stream created, the location changed) keeps the publisher.
        long before = newestSequence(Http.get("/" + NAME + "/index.m3u8").body());
        assertEquals(201, ConfigApi.putStream("it-other", "{}").statusCode());
        assertEquals(200, ConfigApi.admin("PATCH", PrefixApiIT.LIVE + "it-chats", "{\"segment_count\":4}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(15),
                () -> newestSequence(Http.get("/" + NAME + "/index.m3u8").body()) > before + 1), "segments kept coming");
        assertTrue(publisher.isAlive());

        // Only names under the prefix, with the location's passphrase, are let in.
        rejected(url("it-chats", "chats-passphrase"), 1404, "unknown stream it-chats", "the prefix itself is no stream");
        rejected(url("it-elsewhere/room1", "chats-passphrase"), 1404, "unknown stream it-elsewhere/room1",
                "a name under no location");
        rejected(url("it-chats/room2", "wrong-passphrase"), 10, "wrong passphrase", "wrong passphrase");
        rejected(url(NAME, "chats-passphrase"), 1409, "stream " + NAME + " already has a publisher",
                "second publisher of the same name");

        MediaTools.stop(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> Http.get("/" + NAME + "/index.m3u8").statusCode() == 404), "the stream went with its publisher");
        ConfigApi.assertError(ConfigApi.admin("GET", ConfigApi.STREAMS + NAME, null), 404, "not_found", null);
        assertTrue(!Http.admin("/streamer/api/v3/engine").body().contains("\"stream\":\"" + NAME + "\""));
        JsonObject stopped = Http.array(Http.admin("/streamer/api/v3/events?type=publish_stopped&limit=5"))
                .getValuesAs(JsonObject.class).stream().filter(e -> NAME.equals(e.getString("stream", null)))
                .findFirst().orElseThrow();
        assertEquals(GLOBAL_PUBLISH_PORT, stopped.getJsonObject("data").getInt("port"));

        // Publishing again makes it again.
        publish(url(NAME, "chats-passphrase"));
        playlistWhenReady(NAME, 1);
    }

    @Test
    void deletingTheLocationEndsItsPublishers() throws Exception {
        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"srt_publish\":{\"port\":" + GLOBAL_PUBLISH_PORT + "}}").statusCode());
        assertEquals(201, ConfigApi.admin("PUT", PrefixApiIT.LIVE + "it-chats", "{\"srt_publish\":{\"passphrase\":\"chats-passphrase\"}}").statusCode());
        Process publisher = publish(url(NAME, "chats-passphrase"));
        playlistWhenReady(NAME, 1);
        assertEquals(204, ConfigApi.admin("DELETE", PrefixApiIT.LIVE + "it-chats", null).statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> Http.get("/" + NAME + "/index.m3u8").statusCode() == 404), "stream removed with its location");
        assertTrue(publisher.waitFor(20, TimeUnit.SECONDS), "the publisher was disconnected");
    }

    /** The publisher is turned away, and the server recorded why (see SrtRefusal). */
    private void rejected(String url, int code, String reason, String what) throws Exception {
        SrtRefusal.assertRejected(url, GLOBAL_PUBLISH_PORT, code, reason, what, processes);
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
}
