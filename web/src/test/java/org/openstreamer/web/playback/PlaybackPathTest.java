package org.openstreamer.web.playback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            "/jakarta.faces.resource/mpegts", "/openapi", "/openapi/index.m3u8"})
    void notPlayback(String url) {
        assertNull(PlaybackPath.parse(url));
    }
}
