package org.openstreamer.connector.ingest.hls;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Mutated playlists into {@link HlsPlaylist#parse}, as the HLS puller reads what an origin sends.
 * Allowed: {@link IllegalArgumentException} (a playlist the puller cannot use, with the reason).
 */
class HlsPlaylistFuzzTest {

    private static final URI BASE = URI.create("http://origin:8080/live/cam1/index.m3u8");

    @Test
    void mutatedPlaylistsThrowOnlyIllegalArgument() {
        fuzzer().run(HlsPlaylistFuzzTest::parse);
    }

    /** The corpus, the seeds, the tokens and the rules (shared with {@link HlsPlaylistJazzerTest}). */
    static MutationFuzzer fuzzer() {
        return new MutationFuzzer("hls-playlist")
                .seed("""
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
                        #EXT-X-ENDLIST
                        """)
                .seed("""
                        #EXTM3U
                        #EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
                        720p/index.m3u8
                        #EXT-X-STREAM-INF:BANDWIDTH=800000
                        http://other:81/360p.m3u8
                        """)
                .token("#EXTINF:").token("#EXT-X-MEDIA-SEQUENCE:").token("#EXT-X-TARGETDURATION:")
                .token("#EXT-X-STREAM-INF:BANDWIDTH=").token("#EXT-X-ENDLIST").token("#EXT-X-MAP:URI=\"i.mp4\"")
                .token("#EXT-X-KEY:METHOD=NONE").token("#EXT-X-BYTERANGE:").token("../../").token("%zz").token(" ")
                .token("9223372036854775807").token("-1").token("NaN").token("1e400").token("http://[::1")
                .allow(t -> t instanceof IllegalArgumentException)
                .maxLength(64 * 1024);
    }

    /**
     * The target (also of {@link HlsPlaylistJazzerTest}): checks that sequence numbers rise and every
     * segment has a URI; throws {@link IllegalArgumentException} for a playlist the puller cannot use.
     */
    static String parse(byte[] input) {
        HlsPlaylist p = HlsPlaylist.parse(new String(input, StandardCharsets.UTF_8), BASE);
        long previous = Long.MIN_VALUE;
        for (HlsPlaylist.Segment s : p.segments()) {
            if (s.uri() == null || s.sequence() <= previous) {
                throw new AssertionError("segment " + s);
            }
            previous = s.sequence();
        }
        return (p.isMaster() ? "master " + Math.min(p.variants().size(), 4) : "media " + Math.min(p.segments().size(), 4))
                + (p.ended() ? " ended" : "");
    }
}
