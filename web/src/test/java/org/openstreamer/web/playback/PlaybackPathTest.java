package org.openstreamer.web.playback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstreamer.connector.api.StreamName;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PlaybackPathTest {

    @ParameterizedTest
    @CsvSource({
            "/cam1/index.m3u8, cam1, PLAYLIST, index.m3u8",
            "/cam1/playlist.m3u8, cam1, PLAYLIST, playlist.m3u8",
            "/cam1/mono.m3u8, cam1, PLAYLIST, mono.m3u8",
            "/cam1/video.m3u8, cam1, PLAYLIST, video.m3u8",
            "/cam1/video2.m3u8, cam1, PLAYLIST, video2.m3u8",
            "/live/cam1/index.m3u8, live/cam1, PLAYLIST, index.m3u8",
            "/cam1/mpegts, cam1, MPEGTS, mpegts",
            "/cam.1_x-y/media_info.json, cam.1_x-y, MEDIA_INFO, media_info.json",
            "/live/cam1/preview.jpg, live/cam1, PREVIEW, preview.jpg",
            "/cam1/2026/11/21/11/30/04-04000.ts, cam1, SEGMENT, 2026/11/21/11/30/04-04000.ts",
            "/a/b/c/2026/01/02/03/04/05-00500.ts, a/b/c, SEGMENT, 2026/01/02/03/04/05-00500.ts",
            "'/cam1/tracks-1,3/index.m3u8', cam1, PLAYLIST, 'tracks-1,3/index.m3u8'",
            "/live/cam1/tracks-2/index.m3u8, live/cam1, PLAYLIST, tracks-2/index.m3u8",
            "'/cam1/tracks-2,3/2026/11/21/11/30/04-04000.ts', cam1, SEGMENT, 'tracks-2,3/2026/11/21/11/30/04-04000.ts'",
            "/a/tracks-1/2026/11/21/11/30/04-04000.ts, a, SEGMENT, tracks-1/2026/11/21/11/30/04-04000.ts",
            "/a/tracks-x/index.m3u8, a/tracks-x, PLAYLIST, index.m3u8",
    })
    void playbackUrls(String url, String stream, PlaybackPath.Kind kind, String resource) {
        assertEquals(new PlaybackPath(stream, kind, resource), PlaybackPath.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.m3u8", "/streamer/api/v3/index.m3u8", "/admin/index.m3u8", "/health",
            "/cam1/other.m3u8", "/cam1//index.m3u8", "/../index.m3u8x", "/cam 1/index.m3u8", "/cam1/2026/11/21-04000.ts",
            "/cam1/tracks-1,,2/index.m3u8", "/cam1/tracks-1,2/mono.m3u8", "/cam1/tracks-1,2/2026/11/21-04000.ts",
            "/jakarta.faces.resource/mpegts", "/openapi", "/openapi/index.m3u8",
            "/-/index.m3u8", "/a/../mpegts", "/a/./index.m3u8", "/live/health/index.m3u8", "/live/restart/2026/11/21/11/30/04-04000.ts"})
    void notPlayback(String url) {
        assertNull(PlaybackPath.parse(url));
    }

    /** The grammar as regular expressions, the way it was first written, names checked by the one rule: the parser must agree with it. */
    static final class Reference {
        private static final String NAME = "(" + StreamName.PATTERN + ")";
        private static final String SEGMENT_PATH = "\\d{4}/\\d\\d/\\d\\d/\\d\\d/\\d\\d/\\d\\d(?:\\.\\d{3})?-\\d{5,7}\\.ts";
        private static final String TRACKS = "tracks-\\d{1,2}(?:,\\d{1,2}){0,15}/";
        private static final Pattern TRACKS_SEGMENT = Pattern.compile("/" + NAME + "/(" + TRACKS + SEGMENT_PATH + ")");
        private static final Pattern TRACKS_PLAYLIST = Pattern.compile("/" + NAME + "/(" + TRACKS + "index\\.m3u8)");
        private static final Pattern SEGMENT = Pattern.compile("/" + NAME + "/(" + SEGMENT_PATH + ")");
        private static final Pattern OTHER = Pattern.compile("/" + NAME
                + "/(index\\.m3u8|playlist\\.m3u8|mono\\.m3u8|video\\d{0,2}\\.m3u8|mpegts|media_info\\.json|preview\\.jpg)");
        private static final String[] RESERVED = {"/streamer/", "/admin/", "/jakarta.faces.resource/", "/resources/", "/health",
                "/error", "/openapi"};

        static PlaybackPath parse(String path) {
            if (path == null || path.length() > 1024) {
                return null;
            }
            for (String reserved : RESERVED) {
                if (path.startsWith(reserved)) {
                    return null;
                }
            }
            Matcher m = TRACKS_SEGMENT.matcher(path);
            if (named(m) || named(m = SEGMENT.matcher(path))) {
                return new PlaybackPath(m.group(1), PlaybackPath.Kind.SEGMENT, m.group(2));
            }
            m = TRACKS_PLAYLIST.matcher(path);
            if (named(m)) {
                return new PlaybackPath(m.group(1), PlaybackPath.Kind.PLAYLIST, m.group(2));
            }
            m = OTHER.matcher(path);
            if (!named(m)) {
                return null;
            }
            PlaybackPath.Kind kind = switch (m.group(2)) {
                case "mpegts" -> PlaybackPath.Kind.MPEGTS;
                case "media_info.json" -> PlaybackPath.Kind.MEDIA_INFO;
                case "preview.jpg" -> PlaybackPath.Kind.PREVIEW;
                default -> PlaybackPath.Kind.PLAYLIST;
            };
            return new PlaybackPath(m.group(1), kind, m.group(2));
        }

        private static boolean named(Matcher m) {
            return m.matches() && StreamName.isValid(m.group(1));
        }
    }

    @Test
    void agreesWithTheRegularGrammarOnManyGeneratedPaths() {
        String[] parts = {"cam1", "live", "a.b", "-", "..", "tracks-1", "tracks-1,3", "tracks-123", "tracks-1,", "tracks-",
                "2026", "11", "21", "30", "04-04000.ts", "04.123-04000.ts", "04-0400.ts", "04-12345678.ts", "index.m3u8",
                "playlist.m3u8", "mono.m3u8", "video.m3u8", "video7.m3u8", "video123.m3u8", "mpegts", "media_info.json",
                "preview.jpg", "preview.jpeg",
                "", "x y", "é", "streamer", "admin", "health", "openapi", "05"};
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder path = new StringBuilder();
            int segments = 1 + random.nextInt(9);
            for (int i = 0; i < segments; i++) {
                path.append('/').append(parts[random.nextInt(parts.length)]);
            }
            String p = path.toString();
            assertEquals(Reference.parse(p), PlaybackPath.parse(p), p);
        }
        for (String p : new String[] {"/cam1/2026/11/21/11/30/04-04000.ts", "/a/tracks-1,2/2026/11/21/11/30/04.999-0400000.ts",
                "/tracks-1/2026/11/21/11/30/04-04000.ts", "/a/tracks-1/tracks-2/index.m3u8", "/x/video99.m3u8"}) {
            assertEquals(Reference.parse(p), PlaybackPath.parse(p), p);
        }
    }
}
