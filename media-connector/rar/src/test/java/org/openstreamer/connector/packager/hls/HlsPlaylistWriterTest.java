package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one playlist writer, as the archive uses it (the live side is in HlsSegmenterTest and HlsOutputTest). */
class HlsPlaylistWriterTest {

    static PlaylistSegment segment(long startMs, long durationMs, long seq, boolean discontinuity) {
        return new PlaylistSegment(seq, DvrPaths.relative(startMs, durationMs), startMs, durationMs, discontinuity);
    }

    @Test
    void aVodPlaylistDatesEverySegmentMarksDiscontinuitiesAndEnds() {
        long t = 1_764_928_800_000L; // 2025-12-05T10:00:00Z
        String text = HlsPlaylistWriter.media(PlaylistType.VOD, List.of(segment(t, 4000, 7, false),
                segment(t + 4000, 3960, 8, false), segment(t + 20_000, 4540, 9, true)), 1, 0);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-TARGETDURATION:5
                #EXT-X-MEDIA-SEQUENCE:7
                #EXT-X-PROGRAM-DATE-TIME:2025-12-05T10:00:00.000Z
                #EXTINF:4.000,
                2025/12/05/10/00/00-04000.ts
                #EXT-X-PROGRAM-DATE-TIME:2025-12-05T10:00:04.000Z
                #EXTINF:3.960,
                2025/12/05/10/00/04-03960.ts
                #EXT-X-DISCONTINUITY
                #EXT-X-PROGRAM-DATE-TIME:2025-12-05T10:00:20.000Z
                #EXTINF:4.540,
                2025/12/05/10/00/20-04540.ts
                #EXT-X-ENDLIST
                """, text);
    }

    @Test
    void theTargetIsTheLongestSegmentRoundedAndAtLeastTheOneGiven() {
        String rounded = HlsPlaylistWriter.media(PlaylistType.EVENT, List.of(segment(0, 4040, 1, false)), 1, 0);
        assertTrue(rounded.contains("#EXT-X-TARGETDURATION:4\n"), "RFC 8216: EXTINF rounded: " + rounded);
        String configured = HlsPlaylistWriter.media(PlaylistType.LIVE, List.of(segment(0, 2000, 1, false)), 6, 0);
        assertTrue(configured.contains("#EXT-X-TARGETDURATION:6\n"), configured);
    }

    @Test
    void liveAndEventPlaylistsHaveNoEnd() {
        String live = HlsPlaylistWriter.media(PlaylistType.LIVE, List.of(), 4, 0);
        assertEquals("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n", live);
        String event = HlsPlaylistWriter.media(PlaylistType.EVENT, List.of(segment(0, 2005, 1, false)), 1, 0);
        assertEquals(true, event.contains("#EXT-X-PLAYLIST-TYPE:EVENT\n") && !event.contains("ENDLIST")
                && event.contains("#EXTINF:2.005,"));
    }

    @Test
    void aLiveWindowAnnouncesTheDiscontinuitiesThatSlidOut() {
        String live = HlsPlaylistWriter.media(PlaylistType.LIVE, List.of(segment(0, 4000, 12, true)), 4, 3);
        assertTrue(live.contains("#EXT-X-MEDIA-SEQUENCE:12\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n#EXT-X-DISCONTINUITY\n"), live);
    }
}
