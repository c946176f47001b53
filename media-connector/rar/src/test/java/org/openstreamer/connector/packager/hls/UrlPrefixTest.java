package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class UrlPrefixTest {

    private static final String MEDIA = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.000,\n2026/12/05/10/00/00-04000.ts\n"
            + "#EXTINF:4.000,\n2026/12/05/10/00/04-04000.ts\n";

    @Test
    void everyUrlLineGetsThePrefixTheStreamAndThePlaylistsFolder() {
        assertEquals("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.000,\nhttp://cdn.example.com:8080/cam1/2026/12/05/10/00/00-04000.ts\n"
                        + "#EXTINF:4.000,\nhttp://cdn.example.com:8080/cam1/2026/12/05/10/00/04-04000.ts\n",
                UrlPrefix.apply(MEDIA, "http://cdn.example.com:8080", "cam1", "index.m3u8"));
        assertEquals("#EXTM3U\n#EXTINF:4.000,\n/live/a/b/tracks-1,3/seg.ts",
                UrlPrefix.apply("#EXTM3U\n#EXTINF:4.000,\nseg.ts", "/live/", "a/b", "tracks-1,3/index.m3u8"));
        assertEquals("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://h/cam1/video1.m3u8\n",
                UrlPrefix.apply("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nvideo1.m3u8\n", "http://h", "cam1", "video.m3u8"));
    }

    @Test
    void withoutAPrefixOrAPlaylistNothingChanges() {
        assertSame(MEDIA, UrlPrefix.apply(MEDIA, null, "cam1", "index.m3u8"));
        assertNull(UrlPrefix.apply(null, "http://h", "cam1", "index.m3u8"));
    }
}
