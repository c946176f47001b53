package org.openstreamer.web.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.dvr.ArchiveSegment;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchivePlaylistTest {

    static ArchiveSegment segment(long startMs, long durationMs, long seq) {
        return new ArchiveSegment("cam1", startMs, durationMs, 1000, seq, "/storage",
                org.openstreamer.connector.api.DvrPaths.relative(startMs, durationMs));
    }

    @Test
    void aVodPlaylistDatesEverySegmentAndMarksTheGap() {
        long t = 1_764_928_800_000L; // 2025-12-05T10:00:00Z
        String text = ArchivePlaylist.write(List.of(segment(t, 4000, 7), segment(t + 4000, 3960, 8),
                segment(t + 20_000, 4040, 9)), ArchivePlaylist.Type.VOD, 4);
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
                #EXTINF:4.040,
                2025/12/05/10/00/20-04040.ts
                #EXT-X-ENDLIST
                """, text);
    }

    @Test
    void liveAndEventPlaylistsHaveNoEnd() {
        String live = ArchivePlaylist.write(List.of(), ArchivePlaylist.Type.LIVE, 4);
        assertEquals("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n", live);
        String event = ArchivePlaylist.write(List.of(segment(0, 2005, 1)), ArchivePlaylist.Type.EVENT, 4);
        assertEquals(true, event.contains("#EXT-X-PLAYLIST-TYPE:EVENT\n") && !event.contains("ENDLIST") && event.contains("#EXTINF:2.005,"));
    }
}
