package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAMPLE-AES end to end: a stream protected with {@code "method":"sample_aes"}, fed by ffmpeg over
 * HTTP PUT. ffmpeg's HLS reader decrypts and decodes video and audio of the live playlist with a
 * viewer's token without a decoding error; a segment fetched alone is MPEG-TS whose H.264 and AAC
 * do not decode.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DrmSampleAesIT {

    private static final String STREAM = "it-drm-saes";
    private static final String DRM = "/streamer/api/v3/drm/";
    private static final Pattern KEY = Pattern.compile("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"([^\"]+)\",IV=0x[0-9a-f]{32}");
    /**
     * A small picture at a low rate, x264 on one thread (the same bytes on every machine): it then
     * writes no emulation prevention byte in its slices.
     * ffmpeg's SAMPLE-AES reader takes those bytes out before decrypting and does not put them back,
     * so a slice that has one fails to decode there whatever the server does (checked below).
     */
    private static final Path FIXTURE = Path.of("target", "fixtures", "testsrc-320x180-350k.ts").toAbsolutePath();

    private Process publisher;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        MediaTools.stop(publisher);
        Http.send("DELETE", ConfigApi.STREAMS + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
    }

    private static synchronized Path fixture() throws Exception {
        if (!Files.exists(FIXTURE)) {
            Files.createDirectories(FIXTURE.getParent());
            Path tmp = FIXTURE.resolveSibling("tmp-" + FIXTURE.getFileName());
            MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "20", "-c:v", "libx264", "-threads", "1", "-preset", "veryfast", "-g", "50", "-keyint_min", "50",
                    "-sc_threshold", "0", "-b:v", "350k", "-c:a", "aac", "-b:a", "96k",
                    "-f", "mpegts", tmp.toString()), 120);
            Files.move(tmp, FIXTURE);
        }
        return FIXTURE;
    }

    /** Whether a slice (NAL unit type 1 or 5) of the fixture's H.264 has an emulation prevention byte (00 00 03). */
    private static boolean hasEmulationPrevention(Path ts) throws Exception {
        Path h264 = FIXTURE.resolveSibling("saes-check.h264");
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", ts.toString(),
                "-map", "0:v", "-c", "copy", "-f", "h264", h264.toString()), 60);
        byte[] b = Files.readAllBytes(h264);
        int type = -1;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                type = b[i + 3] & 0x1F;
                i += 2;
            } else if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 3 && (type == 1 || type == 5)) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** ffmpeg's frame checksums of a video and an audio stream: its exit, what it wrote to stderr, and the lines. */
    private static MediaTools.Result decodeBoth(String input, int frames) throws Exception {
        Path log = Files.createTempFile("saes-", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", input));
            if (frames > 0) {
                cmd.addAll(List.of("-frames:v", String.valueOf(frames)));
            }
            cmd.addAll(List.of("-map", "0:v", "-map", "0:a", "-f", "framecrc", "-"));
            MediaTools.Result r = MediaTools.exec(new ProcessBuilder(cmd).redirectError(log.toFile()), 40);
            return new MediaTools.Result(r.exit(), Files.readString(log) + "\n--\n" + r.output());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long frames(String framecrc, int stream) {
        return framecrc.lines().filter(l -> l.startsWith(stream + ",")).count();
    }

    @Test
    void ffmpegDecryptsAndDecodesVideoAndAudioWhileASegmentAloneDoesNotDecode() throws Exception {
        Path source = fixture();
        assertFalse(hasEmulationPrevention(source), "the fixture must have no emulation prevention bytes (see FIXTURE)");
        assertEquals(201, ConfigApi.putStream(STREAM, "{\"publish_enabled\":true,\"segment_duration\":2}").statusCode());
        HttpResponse<String> put = Http.send("PUT", DRM + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, "{\"method\":\"sample-aes\"}");
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(put.body().contains("\"method\":\"sample_aes\""), put.body());
        publisher = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", source.toString(), "-c", "copy", "-f", "mpegts", "-method", "PUT",
                "http://127.0.0.1:8180/" + STREAM + "/mpegts")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        String live = "/" + STREAM + "/index.m3u8?token=saes1";
        String[] playlist = {""};
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = Http.get(live);
            playlist[0] = r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 3;
        }), () -> "no protected playlist: " + playlist[0]);

        // Every segment under a SAMPLE-AES key, its URL carrying the viewer's token; the key to that session only.
        Matcher m = KEY.matcher(playlist[0]);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertEquals(MediaTools.segmentUris(playlist[0]).size(), keys.size(), playlist[0]);
        assertTrue(keys.get(0).matches("key/\\d+\\?token=saes1"), keys.get(0));
        HttpResponse<byte[]> key = bytes("/" + STREAM + "/" + keys.get(0));
        assertEquals(200, key.statusCode());
        assertEquals(16, key.body().length);
        assertEquals(403, bytes("/" + STREAM + "/" + keys.get(0).substring(0, keys.get(0).indexOf('?'))).statusCode());

        // A segment alone: clear MPEG-TS announcing encrypted H.264 and AAC, whose samples do not decode.
        String segment = MediaTools.segmentUris(playlist[0]).get(1);
        byte[] sealed = bytes("/" + STREAM + "/" + segment).body();
        assertTrue(sealed.length % 188 == 0 && sealed[0] == 0x47 && sealed[188] == 0x47, "MPEG-TS");
        Path file = MediaTools.write(Path.of("target", "drm-saes-it", "segment.ts").toAbsolutePath(), sealed);
        MediaTools.Result alone = decodeBoth(file.toString(), 0);
        String errors = alone.output().substring(0, alone.output().indexOf("\n--\n"));
        assertTrue(errors.contains("h264"), "the encrypted slices decoded as clear H.264: " + errors);
        assertTrue(errors.contains("aac"), "the encrypted AAC frames decoded as clear AAC: " + errors);

        // ffmpeg's HLS reader fetches the key with the token, decrypts and decodes both without an error.
        MediaTools.Result played = decodeBoth(Http.uri(live).toString(), 75);
        assertEquals(0, played.exit(), played.output());
        String playErrors = played.output().substring(0, played.output().indexOf("\n--\n"));
        assertEquals("", playErrors.strip(), "decoding errors");
        assertEquals(75, frames(played.output(), 0), "video frames");
        assertTrue(frames(played.output(), 1) >= 50, "audio frames: " + frames(played.output(), 1));
    }
}
