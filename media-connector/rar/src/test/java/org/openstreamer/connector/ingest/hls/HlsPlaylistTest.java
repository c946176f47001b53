package org.openstreamer.connector.ingest.hls;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlsPlaylistTest {

    private static final URI BASE = URI.create("http://origin:8080/live/cam1/index.m3u8");

    @Test
    void mediaPlaylistGivesNumberedSegmentsWithAbsoluteUris() {
        HlsPlaylist p = HlsPlaylist.parse("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:120
                #EXTINF:4.000,
                seg-120.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:3.96,title
                /other/seg-121.ts?token=a
                #EXTINF:4,
                https://cdn.example/seg-122.ts
                """, BASE);
        assertFalse(p.isMaster());
        assertEquals(4, p.targetDuration());
        assertFalse(p.ended());
        assertEquals(List.of(
                new HlsPlaylist.Segment(120, URI.create("http://origin:8080/live/cam1/seg-120.ts"), 4.0),
                new HlsPlaylist.Segment(121, URI.create("http://origin:8080/other/seg-121.ts?token=a"), 3.96),
                new HlsPlaylist.Segment(122, URI.create("https://cdn.example/seg-122.ts"), 4.0)), p.segments());
        assertEquals(122, p.lastSequence());
    }

    @Test
    void withoutMediaSequenceNumberingStartsAtZeroAndEndlistIsSeen() {
        HlsPlaylist p = HlsPlaylist.parse("#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2,\r\na.ts\r\n#EXT-X-ENDLIST\r\n", BASE);
        assertEquals(0, p.segments().get(0).sequence());
        assertTrue(p.ended());
    }

    @Test
    void masterPlaylistListsItsVariantsBestFirst() {
        HlsPlaylist p = HlsPlaylist.parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=9000000,BANDWIDTH=800000,RESOLUTION=640x360
                low/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=2500000,CODECS="avc1.64001f,mp4a.40.2"
                high/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=2500000
                high2/index.m3u8
                """, BASE);
        assertTrue(p.isMaster());
        assertEquals(List.of(URI.create("http://origin:8080/live/cam1/high/index.m3u8"),
                URI.create("http://origin:8080/live/cam1/high2/index.m3u8"),
                URI.create("http://origin:8080/live/cam1/low/index.m3u8")),
                p.variants().stream().map(HlsPlaylist.Variant::uri).toList());
        assertEquals(800_000, p.variants().get(2).bandwidth());
    }

    @Test
    void whatCannotBePulledIsRefusedWithAReason() {
        String[][] cases = {
                {"<html>404</html>", "not an HLS playlist"},
                {"", "not an HLS playlist"},
                {"#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2,\na.m4s\n", "fMP4"},
                {"#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n#EXTINF:2,\na.ts\n", "encrypted"},
                {"#EXTM3U\n#EXTINF:abc,\na.ts\n", "bad #EXTINF"},
                {"#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:-3\n", "bad number"},
                {"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXTINF:2,\na.ts\n", "both variants and segments"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HlsPlaylist.parse(c[0], BASE));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        HlsPlaylist none = HlsPlaylist.parse("#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:2,\na.ts\n", BASE);
        assertEquals(1, none.segments().size(), "METHOD=NONE is no encryption");
    }
}
