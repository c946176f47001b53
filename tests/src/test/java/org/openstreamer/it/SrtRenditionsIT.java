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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publisher sending two H.264 renditions of one picture and the audio in one program, as an
 * ABR encoder does: index.m3u8 becomes a master playlist, and each videoN variant's segments
 * hold only that rendition and the audio.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(61)
class SrtRenditionsIT {

    private static final String STREAM = "srt-renditions";
    private static final int PORT = 20150;
    private Process publisher;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        MediaTools.stop(publisher);
        Http.send("DELETE", "/streamer/api/v3/streams/" + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
    }

    /** ffmpeg encoding the fixture live twice, 640x360 and 320x180, with aligned 2 s GOPs, audio copied. */
    private static Process publishTwoRenditions(String url) throws Exception {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", MediaTools.fixture().toString(), "-map", "0:v", "-map", "0:v", "-map", "0:a",
                "-filter:v:1", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-keyint_min", "50", "-sc_threshold", "0", "-b:v:0", "1200k", "-b:v:1", "300k", "-c:a", "copy",
                "-f", "mpegts", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Path download(String path, String name) throws Exception {
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return MediaTools.write(Path.of("target", "srt-it", "renditions", name), r.body());
    }

    private static List<JsonObject> streamsOf(JsonObject probe, String type) {
        return probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .filter(s -> type.equals(s.getString("codec_type"))).toList();
    }

    @Test
    void eachVideoTrackIsAVariantOfItsOwn() throws Exception {
        HttpResponse<String> created = Http.send("PUT", "/streamer/api/v3/streams/" + STREAM, Http.ADMIN,
                Http.ADMIN_PASSWORD, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":" + PORT
                        + "},\"segment_duration\":2}");
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        publisher = publishTwoRenditions("srt://127.0.0.1:" + PORT);

        String[] master = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            HttpResponse<String> r = Http.get("/" + STREAM + "/video2.m3u8");
            master[0] = Http.get("/" + STREAM + "/index.m3u8").body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 2;
        }), () -> "no variant playlists: " + master[0]);

        assertEquals(List.of("video1.m3u8", "video2.m3u8"), MediaTools.segmentUris(master[0]), master[0]);
        List<String> variants = master[0].lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertTrue(variants.get(0).contains("RESOLUTION=640x360"), variants.get(0));
        assertTrue(variants.get(1).contains("RESOLUTION=320x180"), variants.get(1));
        assertTrue(variants.get(1).contains("CODECS=\"avc1."), variants.get(1));

        int[][] sizes = {{640, 360}, {320, 180}};
        for (int n = 1; n <= 2; n++) {
            List<String> uris = MediaTools.segmentUris(Http.get("/" + STREAM + "/video" + n + ".m3u8").body());
            String uri = uris.get(uris.size() - 1);
            assertTrue(uri.startsWith("tracks-" + n + ",3/"), uri);
            JsonObject probe = MediaTools.probe(download("/" + STREAM + "/" + uri, "video" + n + ".ts").toString());
            List<JsonObject> video = streamsOf(probe, "video");
            assertEquals(1, video.size(), "one video stream in video" + n + ": " + probe);
            assertEquals("h264", video.get(0).getString("codec_name"));
            assertEquals(sizes[n - 1][0], video.get(0).getInt("width"));
            assertEquals(sizes[n - 1][1], video.get(0).getInt("height"));
            assertEquals(1, streamsOf(probe, "audio").size(), "the audio in video" + n);
        }

        List<String> mono = MediaTools.segmentUris(Http.get("/" + STREAM + "/mono.m3u8").body());
        JsonObject whole = MediaTools.probe(download("/" + STREAM + "/" + mono.get(mono.size() - 1), "mono.ts").toString());
        assertEquals(2, streamsOf(whole, "video").size(), "mono keeps every track");
        assertEquals(3, Http.object(Http.get("/" + STREAM + "/media_info.json")).getJsonArray("streams").size());
    }
}
