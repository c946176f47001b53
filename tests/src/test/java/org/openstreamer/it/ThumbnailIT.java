package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /NAME/preview.jpg} end to end: a stream with {@code thumbnails} published by ffmpeg
 * serves a JPEG of the picture's size that is replaced as segments close; a stream without the
 * option, and one that is not live, answer 404 with a JSON error.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThumbnailIT {

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

    private static HttpResponse<byte[]> preview(String stream) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri("/" + stream + "/preview.jpg"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> previewWhenReady(String stream, byte[] differentFrom) throws Exception {
        List<HttpResponse<byte[]>> last = new ArrayList<>(List.of());
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<byte[]> r = preview(stream);
            last.clear();
            last.add(r);
            return r.statusCode() == 200 && (differentFrom == null || !Arrays.equals(differentFrom, r.body()));
        }), () -> "no " + (differentFrom == null ? "" : "new ") + "preview.jpg for " + stream + ": "
                + (last.isEmpty() ? "" : last.get(0).statusCode() + " " + new String(last.get(0).body())));
        return last.get(0);
    }

    @Test
    void aStreamWithThumbnailsServesItsLatestKeyframeAsJpeg() throws Exception {
        createStream("it-thumbs", "{\"publish_enabled\":true,\"thumbnails\":true,\"segment_duration\":2}");
        createStream("it-thumbs-off", "{\"publish_enabled\":true,\"segment_duration\":2}");
        assertTrue(Http.object(Http.send("GET", API + "it-thumbs", Http.ADMIN, Http.ADMIN_PASSWORD, null))
                .getBoolean("thumbnails"), "the option is stored and shown");

        HttpResponse<byte[]> notLive = preview("it-thumbs");
        assertEquals(404, notLive.statusCode());
        assertTrue(new String(notLive.body()).contains("thumbnail_not_found"), new String(notLive.body()));

        processes.add(MediaTools.publishTs("-method", "PUT", "http://127.0.0.1:8180/it-thumbs/mpegts"));
        processes.add(MediaTools.publishTs("-method", "PUT", "http://127.0.0.1:8180/it-thumbs-off/mpegts"));

        HttpResponse<byte[]> first = previewWhenReady("it-thumbs", null);
        assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElse(""));
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("max-age=1"), first.headers().toString());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.body()));
        assertNotNull(image, "a JPEG ImageIO reads");
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());

        HttpResponse<byte[]> next = previewWhenReady("it-thumbs", first.body()); // testsrc2 moves: the next keyframe differs
        assertNotNull(ImageIO.read(new ByteArrayInputStream(next.body())));

        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> Http.get("/it-thumbs-off/index.m3u8").statusCode() == 200), "the stream without thumbnails is live");
        HttpResponse<byte[]> off = preview("it-thumbs-off");
        assertEquals(404, off.statusCode());
        assertTrue(off.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject error = jakarta.json.Json.createReader(new ByteArrayInputStream(off.body())).readObject();
        assertEquals("thumbnail_not_found", error.getString("error"), error.toString());
    }
}
